package io.s3redshiftloader.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetBucketLocationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;

/** COPY's REGION is the bucket's, as S3 reports it, asked once. */
class BucketRegionTest {

    /** An S3 client that answers only the two calls BucketRegion makes, and counts them. */
    private static final class RegionAnswers implements S3Client {
        final String headRegion;
        final String locationConstraint;
        final AtomicInteger calls = new AtomicInteger();

        RegionAnswers(String headRegion, String locationConstraint) {
            this.headRegion = headRegion;
            this.locationConstraint = locationConstraint;
        }

        @Override
        public HeadBucketResponse headBucket(Consumer<HeadBucketRequest.Builder> request) {
            calls.incrementAndGet();
            return HeadBucketResponse.builder().bucketRegion(headRegion).build();
        }

        @Override
        public GetBucketLocationResponse getBucketLocation(Consumer<GetBucketLocationRequest.Builder> request) {
            calls.incrementAndGet();
            return GetBucketLocationResponse.builder().locationConstraint(locationConstraint).build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theRegionHeadBucketReportsIsTakenAndAskedOnlyOnce() {
        RegionAnswers s3 = new RegionAnswers("ap-southeast-2", null);
        BucketRegion region = new BucketRegion(s3, "landing");

        assertEquals("ap-southeast-2", region.get());
        assertEquals("ap-southeast-2", region.get());
        assertEquals(1, s3.calls.get());
    }

    @Test
    void withoutTheHeaderTheLocationConstraintAnswersInItsOwnDialect() {
        assertEquals("eu-central-1", new BucketRegion(new RegionAnswers(null, "eu-central-1"), "landing").get());
        assertEquals("us-east-1", new BucketRegion(new RegionAnswers(null, null), "landing").get(), "no constraint is us-east-1");
        assertEquals("us-east-1", new BucketRegion(new RegionAnswers(null, "\n  "), "landing").get(), "nor is a blank one");
        assertEquals("eu-west-1", new BucketRegion(new RegionAnswers(null, "EU"), "landing").get());
    }
}
