package io.s3redshiftloader.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.s3redshiftloader.it.TestStack;
import io.s3redshiftloader.local.LocalAws;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The move's two steps as the route runs them, against the emulator: Camel's copyObject, then CopiedSource. The source
 * is deleted only after a copy that succeeded, never after one that failed, even when an older copy is already there.
 */
class CopiedSourceIT {
    private final LocalAws aws = TestStack.aws();
    private final String bucket = "moves-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theSourceIsDeletedOnlyAfterItsCopySucceeded() throws Exception {
        aws.createBucket(bucket);
        aws.putObject(bucket, "incoming/copied.csv", bytes("new\n"));
        aws.putObject(bucket, "incoming/not-copied.csv", bytes("new\n"));
        // Left by an earlier file with the same key: not a copy of this one.
        aws.putObject(bucket, "processed/incoming/not-copied.csv", bytes("old\n"));
        CopiedSource source = new CopiedSource(aws.s3(), bucket);

        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("s3", aws.s3());
            camel.start();
            Message copied = copy(camel, "incoming/copied.csv", bucket);
            Message notCopied = copy(camel, "incoming/not-copied.csv", "no-such-bucket-" + bucket);
            assertEquals("incoming/copied.csv", copied.getHeader("CamelAwsS3ProducedKey"), "a copy that succeeded names its source");
            assertNull(notCopied.getHeader("CamelAwsS3ProducedKey"), "a failed copy names nothing");

            source.delete("incoming/copied.csv", "processed/incoming/copied.csv", copied.getHeader("CamelAwsS3ProducedKey", String.class));
            source.delete("incoming/not-copied.csv", "processed/incoming/not-copied.csv", notCopied.getHeader("CamelAwsS3ProducedKey", String.class));
        }

        assertEquals(List.of("incoming/not-copied.csv"), aws.listKeys(bucket, "incoming/"));
        assertEquals(List.of("processed/incoming/copied.csv", "processed/incoming/not-copied.csv"), aws.listKeys(bucket, "processed/"));
        assertEquals("new\n", new String(aws.s3().getObjectAsBytes(get -> get.bucket(bucket).key("processed/incoming/copied.csv")).asByteArray(),
                StandardCharsets.UTF_8));
    }

    /** Camel's copyObject as loader.yaml's move-object calls it; a failure stays on the exchange, as best-effort leaves it. */
    private Message copy(CamelContext camel, String key, String destinationBucket) {
        Exchange exchange = camel.createProducerTemplate().send("aws2-s3:" + bucket + "?operation=copyObject&amazonS3Client=#s3", sent -> {
            sent.getMessage().setHeader("CamelAwsS3Key", key);
            sent.getMessage().setHeader("CamelAwsS3BucketDestinationName", destinationBucket);
            sent.getMessage().setHeader("CamelAwsS3DestinationKey", "processed/" + key);
        });
        return exchange.getMessage();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
