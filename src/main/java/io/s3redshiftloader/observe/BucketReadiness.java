package io.s3redshiftloader.observe;

import io.s3redshiftloader.load.ErrorSentences;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Ready only while S3 lists the incoming prefix (one key at most): the call the loader depends on, allowed by the
 * same permission, even when s3:ListBucket is limited to the prefix.
 */
public final class BucketReadiness extends CachedReadinessCheck {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public BucketReadiness(S3Client s3, String bucket, String prefix, Duration interval, ErrorSentences errors) {
        super("bucket", interval, errors);
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    protected void probe() {
        s3.listObjectsV2(request -> request.bucket(bucket).prefix(prefix).maxKeys(1)
                .overrideConfiguration(call -> call.apiCallTimeout(CALL_TIMEOUT)));
    }
}
