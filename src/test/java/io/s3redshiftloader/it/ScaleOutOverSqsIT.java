package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.it.Notifications.Notification;
import io.s3redshiftloader.local.LocalAws;
import io.s3redshiftloader.local.LocalAws.EventQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Scale-out: two loaders (the packaged jar, twice) consume one queue of S3 events as competing consumers. Every file
 * is loaded exactly once, moved, and announced once; both loaders do work; a file held up in one loader for longer
 * than the visibility timeout is not handed to the other, because its message's visibility is extended.
 */
class ScaleOutOverSqsIT {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int FILES = 20;
    private static final int VISIBILITY_SECONDS = 2;

    @Test
    void twoLoadersOnOneQueueLoadEveryFileOnceAndBothDoWork() throws Exception {
        LocalAws aws = TestStack.aws();
        TestStack.Scenario scenario = TestStack.scenario();
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(scenario.environment()), "creates the tables");
        EventQueue events = aws.createQueueWithDeadLetterQueue("events-" + scenario.bucket(), 3);
        Map<String, String> env = new HashMap<>(scenario.environment());
        env.put("LOADER_SQS_QUEUE_URL", events.url());
        env.put("LOADER_SQS_VISIBILITY_TIMEOUT_SECONDS", Integer.toString(VISIBILITY_SECONDS));

        List<TransactionsFile> files = new ArrayList<>();
        List<String> expectedIds = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            files.add(new TransactionsFile(String.format("Q%02d-", i), 200));
            expectedIds.addAll(files.get(i).loadedIds());
        }
        // The loader that takes the first file is held at the table: with one file at a time, the other loads the rest.
        try (DatabaseGate gate = DatabaseGate.beforeInsert(TestStack.warehouse(), scenario.table(), "NEW.transaction_id LIKE 'Q00-%'");
                LoaderProcess first = LoaderProcess.start(env); LoaderProcess second = LoaderProcess.start(env)) {
            aws.sendMessage(events.url(), S3Events.upload(scenario, key(0), files.get(0)));
            gate.awaitHeld(WAIT);
            long heldSince = System.nanoTime();
            for (int i = 1; i < FILES; i++) {
                aws.sendMessage(events.url(), S3Events.upload(scenario, key(i), files.get(i)));
            }
            first.awaitUntil(WAIT, "the other loader loads the other files", () -> processedKeys(scenario).size() == FILES - 1);
            // Held past several visibility timeouts: without the extension, the message would go to the other loader.
            Waits.until(WAIT, "three visibility timeouts pass", () -> System.nanoTime() - heldSince > 3 * VISIBILITY_SECONDS * 1_000_000_000L);
            gate.open();
            first.awaitUntil(WAIT, "every message is deleted", () -> aws.messagesOnQueue(events.url()) == 0 && processedKeys(scenario).size() == FILES);

            assertEquals(expectedIds, Tables.transactionIds(TestStack.warehouse(), scenario.table()), "each file's rows once");
            assertEquals(FILES, Tables.count(TestStack.warehouse(), scenario.ledger()));
            List<String> expectedKeys = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                expectedKeys.add("processed/" + key(i));
            }
            assertEquals(expectedKeys, processedKeys(scenario));
            assertEquals(List.of(), aws.listKeys(scenario.bucket(), "incoming/"));

            List<Notification> notifications = Notifications.receive(scenario.queueUrl(), FILES);
            assertEquals(expectedKeys.stream().map(k -> k.substring("processed/".length())).toList(),
                    notifications.stream().map(n -> n.body().path("key").asText()).sorted().toList(), "one notification per file");
            assertTrue(notifications.stream().allMatch(n -> "SUCCEEDED".equals(n.statusAttribute())), notifications.toString());
            assertEquals(List.of(), aws.receiveWithin(scenario.queueUrl(), Duration.ofSeconds(1)), "and no more");
            assertEquals(0, aws.messagesOnQueue(events.deadLetterUrl()), "nothing dead-lettered");

            String firstOutput = first.output();
            String secondOutput = second.output();
            int firstLoaded = succeeded(firstOutput);
            int secondLoaded = succeeded(secondOutput);
            assertEquals(FILES, firstLoaded + secondLoaded, firstOutput + secondOutput);
            assertEquals(List.of(1, FILES - 1), List.of(Math.min(firstLoaded, secondLoaded), Math.max(firstLoaded, secondLoaded)),
                    "the held loader loaded the first file, the other the rest");
            assertEquals(1, count(firstOutput + secondOutput, Pattern.quote("[" + key(0) + " ") + "[0-9a-f-]{36}\\] Loading$"),
                    "the held file was started once");
        }
    }


    private static String key(int file) {
        return String.format("incoming/part-%02d.csv", file);
    }

    private static List<String> processedKeys(TestStack.Scenario scenario) {
        return TestStack.aws().listKeys(scenario.bucket(), "processed/");
    }

    /** The loads a loader's log reports as SUCCEEDED (its one summary line per file). */
    private static int succeeded(String output) {
        return count(output, Pattern.quote("[incoming/part-") + "[^]]*\\] SUCCEEDED: ");
    }

    /** Lines of the text that match the pattern. */
    private static int count(String text, String linePattern) {
        return (int) Pattern.compile(linePattern, Pattern.MULTILINE).matcher(text).results().count();
    }
}
