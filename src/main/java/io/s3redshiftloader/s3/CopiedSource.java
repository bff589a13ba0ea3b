package io.s3redshiftloader.s3;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The second half of moving a file: its source is deleted only once the copy is there. The move's steps are
 * best-effort (a failed step is logged and the next one runs), so without this check a copy that failed for good would
 * be followed by the delete, and the file would be gone from everywhere.
 */
public final class CopiedSource {
    private static final Logger LOG = LoggerFactory.getLogger(CopiedSource.class);

    private final S3Client s3;
    private final String bucket;

    public CopiedSource(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public void delete(@ExchangeProperty("objectKey") String key, @Header("CamelAwsS3DestinationKey") String copy) {
        try {
            s3.headObject(head -> head.bucket(bucket).key(copy));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            LOG.error("{} stays where it is: its copy {} is not there, so it was not moved", key, copy);
            return;
        }
        s3.deleteObject(delete -> delete.bucket(bucket).key(key));
    }
}
