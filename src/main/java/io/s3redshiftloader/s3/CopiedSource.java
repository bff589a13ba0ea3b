package io.s3redshiftloader.s3;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The second half of moving a file: its source is deleted only when the copy step just made the copy. The move's steps
 * are best-effort (a failed step is logged and the next one runs), so without this check a copy that failed for good
 * would be followed by the delete, and the file would be gone from everywhere. Camel's copyObject sets
 * {@code CamelAwsS3ProducedKey} (to the source key) only when the copy succeeded; an older object already at the
 * destination proves nothing.
 */
public final class CopiedSource {
    private static final Logger LOG = LoggerFactory.getLogger(CopiedSource.class);

    private final S3Client s3;
    private final String bucket;

    public CopiedSource(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public void delete(@ExchangeProperty("objectKey") String key, @Header("CamelAwsS3DestinationKey") String destination,
            @Header("CamelAwsS3ProducedKey") String copiedKey) {
        if (!key.equals(copiedKey)) {
            LOG.error("The file stays where it is: it could not be copied to {}, so it was not moved", destination);
            return;
        }
        s3.deleteObject(delete -> delete.bucket(bucket).key(key));
    }
}
