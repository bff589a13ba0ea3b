package io.s3redshiftloader.s3;

import io.s3redshiftloader.load.ExchangeProperties;
import io.s3redshiftloader.load.LoadContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyPartResult;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Moves a settled file to the processed or failed prefix: a copy, then the delete of the source. The delete runs only
 * after the copy succeeded, so a copy that fails never costs the file. One CopyObject copies at most 5 GiB, so an
 * object above the threshold is copied in parts (UploadPartCopy of byte ranges). Every copy is pinned to the ETag of
 * the version that was read: a file re-uploaded meanwhile is neither moved unread nor spliced from two versions, but
 * left under the prefix for the next poll to load.
 */
public final class ObjectMove {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectMove.class);
    /** S3's smallest part (all but the last), and the most parts one upload may have. */
    static final long MIN_PART_BYTES = 5L * 1024 * 1024;
    static final int MAX_PARTS = 10_000;
    /** Keeps each part copy a request of bounded length. */
    static final long MAX_PART_BYTES = 512L * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final long multipartThreshold;

    public ObjectMove(S3Client s3, String bucket, long multipartThreshold) {
        this.s3 = s3;
        this.bucket = bucket;
        this.multipartThreshold = multipartThreshold;
    }

    /** The route's step: the file's key, the prefix it moves under, and the load that read it (absent if none did). */
    public void move(@ExchangeProperty("objectKey") String key, @ExchangeProperty("moveToPrefix") String prefix,
            @ExchangeProperty(ExchangeProperties.LOAD_CONTEXT) LoadContext load) {
        moveTo(key, prefix + key, load == null ? null : load.etag());
    }

    /** Moves {@code key} to {@code destination} if it is still the version with {@code readEtag} (any version if null). */
    void moveTo(String key, String destination, String readEtag) {
        HeadObjectResponse source;
        try {
            source = s3.headObject(head -> head.bucket(bucket).key(key));
        } catch (NoSuchKeyException gone) {
            LOG.info("No longer under the prefix (moved meanwhile, e.g. by another loader); nothing to move");
            return;
        }
        if (readEtag != null && !readEtag.equals(source.eTag())) {
            LOG.warn("Replaced after it was read (ETag {}, now {}); left under the prefix for the next poll", readEtag, source.eTag());
            return;
        }
        if (source.contentLength() > multipartThreshold) {
            copyInParts(key, destination, source);
        } else {
            s3.copyObject(copy -> copy.sourceBucket(bucket).sourceKey(key).copySourceIfMatch(source.eTag())
                    .destinationBucket(bucket).destinationKey(destination));
        }
        s3.deleteObject(delete -> delete.bucket(bucket).key(key));
    }

    private void copyInParts(String key, String destination, HeadObjectResponse source) {
        long size = source.contentLength();
        long partBytes = partBytes(size, multipartThreshold);
        // CopyObject keeps these by default; a multipart upload starts without them.
        String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key(destination).contentType(source.contentType())
                .contentEncoding(source.contentEncoding()).metadata(source.metadata())).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long start = 0; start < size; start += partBytes) {
                int number = parts.size() + 1;
                String range = "bytes=" + start + "-" + (Math.min(start + partBytes, size) - 1);
                CopyPartResult copied = s3.uploadPartCopy(part -> part.sourceBucket(bucket).sourceKey(key).copySourceRange(range)
                        .copySourceIfMatch(source.eTag()).destinationBucket(bucket).destinationKey(destination)
                        .uploadId(uploadId).partNumber(number)).copyPartResult();
                parts.add(CompletedPart.builder().partNumber(number).eTag(copied.eTag()).build());
            }
            s3.completeMultipartUpload(complete -> complete.bucket(bucket).key(destination).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (RuntimeException e) {
            abort(destination, uploadId, e);
            throw e;
        }
    }

    /** Parts no larger than one CopyObject below the threshold (at most 512 MiB), and few enough for S3's limit. */
    static long partBytes(long size, long multipartThreshold) {
        long part = Math.max(MIN_PART_BYTES, Math.min(multipartThreshold, MAX_PART_BYTES));
        return Math.max(part, (size + MAX_PARTS - 1) / MAX_PARTS);
    }

    private void abort(String destination, String uploadId, RuntimeException cause) {
        try {
            s3.abortMultipartUpload(abort -> abort.bucket(bucket).key(destination).uploadId(uploadId));
        } catch (RuntimeException e) {
            // Parts left behind cost storage until the bucket's lifecycle rule aborts the upload.
            cause.addSuppressed(e);
        }
    }
}
