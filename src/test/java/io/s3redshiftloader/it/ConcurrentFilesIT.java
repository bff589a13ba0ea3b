package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.it.Notifications.Notification;
import io.s3redshiftloader.local.LocalAws;
import io.s3redshiftloader.local.LocalAws.EventQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With LOADER_CONCURRENT_FILES=2 one loader has two files in flight at once, polling or reading a queue: both are held
 * at the same time at a gate on the table (with one file at a time the second would never get there), then both load
 * exactly once. Polling in run-once mode also still stops by itself, with every file loaded once.
 */
class ConcurrentFilesIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final TransactionsFile FIRST = new TransactionsFile("C1-", 400);
    private static final TransactionsFile SECOND = new TransactionsFile("C2-", 400);

    private final LocalAws aws = TestStack.aws();

    @Test
    void pollingLoadsTwoFilesAtOnceAndRunOnceStillStops() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        Map<String, String> env = concurrent(scenario.environment());
        env.put("LOADER_RUN_ONCE", "true");
        S3Events.upload(scenario, "incoming/first.csv", FIRST);
        S3Events.upload(scenario, "incoming/second.csv", SECOND);

        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (DatabaseGate gate = bothFilesGated(scenario)) {
            Future<Integer> exit = runner.submit(() -> SampleFileLoadsEndToEndIT.runOnce(env));
            gate.awaitHeld(2, WAIT);
            gate.open();
            assertEquals(0, exit.get(120, TimeUnit.SECONDS));
        } finally {
            runner.shutdownNow();
        }
        assertLoadedOnce(scenario);
    }

    @Test
    void aQueueConsumerLoadsTwoFilesAtOnce() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        EventQueue events = aws.createQueueWithDeadLetterQueue("events-" + scenario.bucket(), 3);
        Map<String, String> env = QueueDeliveryIT.queueEnvironment(concurrent(scenario.environment()), events);
        aws.sendMessage(events.url(), S3Events.upload(scenario, "incoming/first.csv", FIRST));
        aws.sendMessage(events.url(), S3Events.upload(scenario, "incoming/second.csv", SECOND));

        try (DatabaseGate gate = bothFilesGated(scenario); RunningLoader loader = RunningLoader.start(env)) {
            gate.awaitHeld(2, WAIT);
            gate.open();
            Waits.until(WAIT, "both messages are deleted", () -> aws.messagesOnQueue(events.url()) == 0);
            assertEquals(0, loader.stop());
        }
        assertLoadedOnce(scenario);
    }

    /** Holds the first row of each file at the table, each in its own transaction. */
    private static DatabaseGate bothFilesGated(TestStack.Scenario scenario) {
        return DatabaseGate.beforeInsert(TestStack.warehouse(), scenario.table(),
                "NEW.transaction_id IN ('" + FIRST.id(0) + "', '" + SECOND.id(0) + "')");
    }

    private void assertLoadedOnce(TestStack.Scenario scenario) {
        List<String> expected = new ArrayList<>(FIRST.loadedIds());
        expected.addAll(SECOND.loadedIds());
        assertEquals(expected, Tables.transactionIds(TestStack.warehouse(), scenario.table()));
        assertEquals(List.of("processed/incoming/first.csv", "processed/incoming/second.csv"), aws.listKeys(scenario.bucket(), "processed/"));
        List<String> statuses = Notifications.receive(scenario.queueUrl(), 2).stream().map(Notification::statusAttribute).toList();
        assertEquals(List.of("SUCCEEDED", "SUCCEEDED"), statuses);
        assertEquals(List.of(), aws.receiveWithin(scenario.queueUrl(), Duration.ofSeconds(1)), "one notification per file");
    }

    /** A scenario whose tables exist, so the gate can be set on the table before the files arrive. */
    private static TestStack.Scenario preparedScenario() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(scenario.environment()));
        return scenario;
    }

    private static Map<String, String> concurrent(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("LOADER_CONCURRENT_FILES", "2");
        return env;
    }
}
