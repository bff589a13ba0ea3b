package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.it.Notifications.Notification;
import io.s3redshiftloader.local.LocalAws;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retrying a failed file, as the README tells: a failed file is not in the ledger, so putting it back under the
 * prefix with the same key (corrected, or unchanged once the table or settings are fixed) loads it, once.
 */
class RetryFailedFileIT {
    private static final String KEY = "incoming/retry.csv";

    private final LocalAws aws = TestStack.aws();

    @Test
    void aFailedFileCorrectedAndPutBackUnderItsKeyLoadsOnce() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        aws.putObject(scenario.bucket(), KEY, bytes("transaction_id,amt\nX1,900\nX2,901\n"));

        assertEquals(1, SampleFileLoadsEndToEndIT.runOnce(scenario.environment()));
        Notification failed = Notifications.receive(scenario.queueUrl(), 1).get(0);
        assertEquals("FAILED", failed.statusAttribute());
        assertEquals("The header lacks the required column amount of table " + scenario.table() + ".", failed.body().path("error").asText());

        // The corrected file replaces the failed one: aws s3 cp fixed.csv s3://<bucket>/incoming/retry.csv, then aws s3 rm the failed copy.
        aws.putObject(scenario.bucket(), KEY, bytes("transaction_id,amount\nX1,900\nX2,901\n"));
        aws.s3().deleteObject(delete -> delete.bucket(scenario.bucket()).key("failed/" + KEY));
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(scenario.environment()));
        Notification loaded = Notifications.receive(scenario.queueUrl(), 1).get(0);
        assertEquals("SUCCEEDED", loaded.statusAttribute(), loaded.body().toString());
        SampleFileLoadsEndToEndIT.assertCounts(loaded.body(), 2, 0, 0, 2);

        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(scenario.environment()), "nothing left to load");
        assertEquals(List.of("X1", "X2"), Tables.transactionIds(TestStack.warehouse(), scenario.table()));
        assertEquals(1, Tables.count(TestStack.warehouse(), scenario.ledger()));
        assertEquals("transaction_id,amount\nX1,900\nX2,901\n", aws.getObjectAsString(scenario.bucket(), "processed/" + KEY));
        assertEquals(List.of("failed/" + KEY + ".error.json"), aws.listKeys(scenario.bucket(), "failed/"), "the old report stays");
        assertEquals(List.of(), aws.listKeys(scenario.bucket(), "incoming/"));
        assertEquals(List.of(), aws.receiveWithin(scenario.queueUrl(), Duration.ofSeconds(1)));
    }

    @Test
    void theSameFailedObjectMovedBackUnchangedAfterTheSettingsAreFixedLoadsOnceAndAgainIsSkipped() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        String content = "transaction_id,amount\nS1,900\nS2,abc\nS3,902\n";
        String etag = aws.putObject(scenario.bucket(), KEY, bytes(content));
        Map<String, String> strict = new HashMap<>(scenario.environment());
        strict.put("MAX_REJECTED_ROWS", "0");

        assertEquals(1, SampleFileLoadsEndToEndIT.runOnce(strict));
        assertEquals("FAILED", Notifications.receive(scenario.queueUrl(), 1).get(0).statusAttribute());
        assertEquals(List.of(), Tables.transactionIds(TestStack.warehouse(), scenario.table()));

        // aws s3 mv s3://<bucket>/failed/incoming/retry.csv s3://<bucket>/incoming/retry.csv: the very same object.
        moveBack("failed/" + KEY, scenario);
        assertEquals(etag, aws.s3().headObject(head -> head.bucket(scenario.bucket()).key(KEY)).eTag(), "the object that failed");
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(scenario.environment()));
        Notification loaded = Notifications.receive(scenario.queueUrl(), 1).get(0);
        assertEquals("SUCCEEDED", loaded.statusAttribute(), loaded.body().toString());
        SampleFileLoadsEndToEndIT.assertCounts(loaded.body(), 3, 0, 1, 2);

        // Moved back once more by mistake: in the ledger now, so skipped.
        moveBack("processed/" + KEY, scenario);
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(scenario.environment()));
        assertEquals("SKIPPED", Notifications.receive(scenario.queueUrl(), 1).get(0).statusAttribute());
        assertEquals(List.of("S1", "S3"), Tables.transactionIds(TestStack.warehouse(), scenario.table()));
        assertEquals(1, Tables.count(TestStack.warehouse(), scenario.ledger()));
        assertEquals(content, aws.getObjectAsString(scenario.bucket(), "processed/" + KEY));
        assertEquals(List.of(), aws.listKeys(scenario.bucket(), "incoming/"));
    }

    /** What {@code aws s3 mv} does: a copy to the incoming key, then the delete. */
    private void moveBack(String from, TestStack.Scenario scenario) {
        aws.s3().copyObject(copy -> copy.sourceBucket(scenario.bucket()).sourceKey(from).destinationBucket(scenario.bucket()).destinationKey(KEY));
        aws.s3().deleteObject(delete -> delete.bucket(scenario.bucket()).key(from));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
