package io.s3redshiftloader.s3;

import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The region a bucket lives in, which Redshift's COPY must be told when it differs from the cluster's: the loader's own
 * region (AWS_REGION) says nothing about it. Asked of S3 once, when first needed (so a loader starting while S3 is
 * unreachable still starts), then kept.
 */
public final class BucketRegion implements Supplier<String> {
    private final S3Client s3;
    private final String bucket;
    private String region;

    public BucketRegion(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** HeadBucket names the region in a header; where it does not, GetBucketLocation answers. */
    @Override
    public synchronized String get() {
        if (region == null) {
            String fromHead = s3.headBucket(head -> head.bucket(bucket)).bucketRegion();
            region = fromHead != null && !fromHead.isEmpty() ? fromHead
                    : fromLocationConstraint(s3.getBucketLocation(location -> location.bucket(bucket)).locationConstraintAsString());
        }
        return region;
    }

    /** S3 writes no constraint for us-east-1, and EU for the oldest buckets in eu-west-1. */
    static String fromLocationConstraint(String constraint) {
        String trimmed = constraint == null ? "" : constraint.trim();
        if (trimmed.isEmpty() || trimmed.equals("null")) {
            return "us-east-1";
        }
        return trimmed.equals("EU") ? "eu-west-1" : trimmed;
    }
}
