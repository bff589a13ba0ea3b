package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.it.Notifications.Notification;
import io.s3redshiftloader.local.LocalAws;
import io.s3redshiftloader.local.LocalAws.EventQueue;
import io.s3redshiftloader.local.LocalWarehouse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the loader does with each message of its S3 event queue: an event delivered twice loads the file once; messages
 * that announce nothing to load are deleted, a message that is not an S3 event is left for the dead-letter queue; a
 * file that cannot be settled (the database is down) keeps its message, which SQS delivers again and finally moves to
 * the dead-letter queue, and which loads the file once the database is back.
 */
class QueueDeliveryIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private final LocalAws aws = TestStack.aws();

    @Test
    void anEventDeliveredTwiceLoadsTheFileOnceAndBothMessagesAreDeleted() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        EventQueue events = aws.createQueueWithDeadLetterQueue("events-" + scenario.bucket(), 3);
        TransactionsFile file = new TransactionsFile("D", 300);
        String event = S3Events.upload(scenario, "incoming/twice.csv", file);
        aws.sendMessage(events.url(), event);
        aws.sendMessage(events.url(), event);

        try (RunningLoader loader = RunningLoader.start(queueEnvironment(scenario.environment(), events))) {
            Waits.until(WAIT, "both messages are deleted", () -> aws.messagesOnQueue(events.url()) == 0);
            assertEquals(0, loader.stop());
        }
        assertEquals(file.loadedIds(), Tables.transactionIds(TestStack.warehouse(), scenario.table()));
        assertEquals(1, Tables.count(TestStack.warehouse(), scenario.ledger()));
        assertEquals(List.of("processed/incoming/twice.csv"), aws.listKeys(scenario.bucket(), "processed/"));
        // One loader, one file at a time: the second delivery finds the object gone and only logs it.
        assertEquals("SUCCEEDED", Notifications.receive(scenario.queueUrl(), 1).get(0).statusAttribute());
        assertEquals(List.of(), aws.receiveWithin(scenario.queueUrl(), Duration.ofSeconds(1)), "one notification");
        assertEquals(0, aws.messagesOnQueue(events.deadLetterUrl()));
    }

    @Test
    void messagesAnnouncingNothingToLoadAreDeletedAndOneThatIsNoS3EventGoesToTheDeadLetterQueue() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        EventQueue events = aws.createQueueWithDeadLetterQueue("events-" + scenario.bucket(), 1);
        byte[] csv = "transaction_id,amount\nX1,900\n".getBytes(StandardCharsets.UTF_8);
        String txtTag = aws.putObject(scenario.bucket(), "incoming/notes.txt", csv);
        String outsideTag = aws.putObject(scenario.bucket(), "elsewhere/x.csv", csv);
        aws.sendMessage(events.url(), S3Events.testEvent(scenario.bucket()));
        aws.sendMessage(events.url(), S3Events.objectCreated("another-bucket", "incoming/x.csv", csv.length, outsideTag));
        aws.sendMessage(events.url(), S3Events.objectCreated(scenario.bucket(), "elsewhere/x.csv", csv.length, outsideTag));
        aws.sendMessage(events.url(), S3Events.objectCreated(scenario.bucket(), "incoming/notes.txt", csv.length, txtTag));
        aws.sendMessage(events.url(), S3Events.objectEvent("ObjectRemoved:Delete", scenario.bucket(), "incoming/gone.csv", 0, "x"));
        aws.sendMessage(events.url(), "{\"status\":\"SUCCEEDED\",\"key\":\"incoming/x.csv\"}");

        try (RunningLoader loader = RunningLoader.start(queueEnvironment(scenario.environment(), events))) {
            List<String> deadLettered = aws.receiveAll(events.deadLetterUrl(), 1, WAIT);
            assertEquals(List.of("{\"status\":\"SUCCEEDED\",\"key\":\"incoming/x.csv\"}"), deadLettered);
            Waits.until(WAIT, "the other messages are deleted", () -> aws.messagesOnQueue(events.url()) == 0);
            assertEquals(0, loader.stop());
        }
        assertEquals(List.of("incoming/notes.txt"), aws.listKeys(scenario.bucket(), "incoming/"));
        assertEquals(List.of("elsewhere/x.csv"), aws.listKeys(scenario.bucket(), "elsewhere/"));
        assertEquals(List.of(), aws.listKeys(scenario.bucket(), "processed/"));
        assertEquals(List.of(), aws.listKeys(scenario.bucket(), "failed/"));
        assertEquals(List.of(), aws.receiveWithin(scenario.queueUrl(), Duration.ofSeconds(1)), "no notification");
    }

    @Test
    void aFileThatCannotBeSettledKeepsItsMessageUntilTheDeadLetterQueueAndLoadsOnceRedriven() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        EventQueue events = aws.createQueueWithDeadLetterQueue("events-" + scenario.bucket(), 2);
        TransactionsFile file = new TransactionsFile("U", 300);
        try (LocalWarehouse database = LocalWarehouse.start()) {
            Map<String, String> env = queueEnvironment(scenario.environment(database.jdbcUrl()), events);
            env.put("LOADER_DB_CONNECT_TIMEOUT_MS", "1000");
            try (RunningLoader loader = RunningLoader.start(env)) {
                // Started, with its tables prepared: a database stopped any earlier is waited for, and no message is taken.
                loader.awaitTakingFiles(WAIT);
                database.stop();
                String event = S3Events.upload(scenario, "incoming/unsettled.csv", file);
                aws.sendMessage(events.url(), event);

                // Received, left, received again, left, then moved by the redrive policy: never deleted by the loader.
                assertEquals(List.of(event), aws.receiveAll(events.deadLetterUrl(), 1, WAIT));
                assertEquals(List.of("incoming/unsettled.csv"), aws.listKeys(scenario.bucket(), "incoming/"));
                assertEquals(List.of(), aws.listKeys(scenario.bucket(), "failed/"), "not dead-lettered to the failed prefix");
                assertEquals(List.of(), aws.receiveWithin(scenario.queueUrl(), Duration.ofSeconds(1)), "no notification");

                // The operator's redrive once the database is back.
                database.restart();
                aws.sendMessage(events.url(), event);
                Notification loaded = Notifications.receive(scenario.queueUrl(), 1).get(0);
                assertEquals("SUCCEEDED", loaded.statusAttribute(), loaded.body().toString());
                Waits.until(WAIT, "the message is deleted", () -> aws.messagesOnQueue(events.url()) == 0);
                assertEquals(0, loader.stop());
            }
            assertEquals(file.loadedIds(), Tables.transactionIds(database, scenario.table()));
            assertEquals(List.of("processed/incoming/unsettled.csv"), aws.listKeys(scenario.bucket(), "processed/"));
        }
    }

    static Map<String, String> queueEnvironment(Map<String, String> scenarioEnvironment, EventQueue events) {
        Map<String, String> env = new HashMap<>(scenarioEnvironment);
        env.put("LOADER_SQS_QUEUE_URL", events.url());
        env.put("LOADER_SQS_VISIBILITY_TIMEOUT_SECONDS", "2");
        return env;
    }
}
