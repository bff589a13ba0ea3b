package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.it.Notifications.Notification;
import io.s3redshiftloader.local.LocalAws;
import io.s3redshiftloader.local.PartCopyFront;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A file larger than LOADER_MULTIPART_COPY_THRESHOLD_MB (lowered to 5 MiB) loads and is moved by a multipart copy,
 * byte for byte, through the loader's route. A part copy that keeps failing leaves the loaded file in place, and the
 * next run skips it and moves it. S3 is the emulator behind {@link PartCopyFront}, which adds UploadPartCopy.
 */
class LargeFileMoveIT {
    private static final long PART = 5 * 1024 * 1024;
    private static final String KEY = "incoming/large.csv";

    private final LocalAws aws = TestStack.aws();

    @Test
    void aFileAboveTheThresholdLoadsAndIsMovedByteForByteInParts() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        TransactionsFile file = new TransactionsFile("M", 240_000);
        byte[] content = putLarge(scenario, file);

        try (PartCopyFront front = PartCopyFront.to(aws.endpoint())) {
            assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(environment(scenario, front)));
            assertEquals((content.length + PART - 1) / PART, front.partCopies(), content.length + " bytes in 5 MiB parts");
        }

        Notification loaded = Notifications.receive(scenario.queueUrl(), 1).get(0);
        assertEquals("SUCCEEDED", loaded.statusAttribute(), loaded.body().toString());
        assertEquals(file.loadedIds(), Tables.transactionIds(TestStack.warehouse(), scenario.table()));
        assertArrayEquals(content, aws.s3().getObjectAsBytes(get -> get.bucket(scenario.bucket()).key("processed/" + KEY)).asByteArray());
        assertEquals(List.of(), aws.listKeys(scenario.bucket(), "incoming/"));
    }

    @Test
    void aPartCopyThatKeepsFailingLeavesTheLoadedFileWhichTheNextRunSkipsAndMoves() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        TransactionsFile file = new TransactionsFile("P", 140_000);
        byte[] content = putLarge(scenario, file);

        try (PartCopyFront front = PartCopyFront.to(aws.endpoint())) {
            Map<String, String> env = environment(scenario, front);
            front.beforeCopy(part -> {
                if (part == 2) {
                    throw new IllegalStateException("S3 fails the second part");
                }
            });
            assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(env), "loaded; the move is best-effort");
            assertEquals("SUCCEEDED", Notifications.receive(scenario.queueUrl(), 1).get(0).statusAttribute());
            assertEquals(List.of(KEY), aws.listKeys(scenario.bucket(), "incoming/"), "left in place");
            assertEquals(List.of(), aws.listKeys(scenario.bucket(), "processed/"));

            front.beforeCopy(part -> { });
            assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(env));
        }

        assertEquals("SKIPPED", Notifications.receive(scenario.queueUrl(), 1).get(0).statusAttribute());
        assertEquals(file.loadedIds(), Tables.transactionIds(TestStack.warehouse(), scenario.table()), "loaded once");
        assertArrayEquals(content, aws.s3().getObjectAsBytes(get -> get.bucket(scenario.bucket()).key("processed/" + KEY)).asByteArray());
        assertEquals(List.of(), aws.listKeys(scenario.bucket(), "incoming/"));
    }

    /** Uploaded in parts: the emulator refuses a single body over 11 MiB. */
    private byte[] putLarge(TestStack.Scenario scenario, TransactionsFile file) throws Exception {
        byte[] content = file.bytes();
        Path local = Files.createTempFile("large-", ".csv");
        try {
            Files.write(local, content);
            aws.putLargeObject(scenario.bucket(), KEY, local);
        } finally {
            Files.delete(local);
        }
        return content;
    }

    private static Map<String, String> environment(TestStack.Scenario scenario, PartCopyFront front) {
        Map<String, String> env = new HashMap<>(scenario.environment());
        env.put("AWS_ENDPOINT_URL_S3", front.endpoint().toString());
        env.put("LOADER_MULTIPART_COPY_THRESHOLD_MB", "5");
        return env;
    }
}
