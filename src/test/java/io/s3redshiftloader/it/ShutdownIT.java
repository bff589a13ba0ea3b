package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.local.LocalAws.EventQueue;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while a file loads: no new file is begun, the file in flight may finish within LOADER_SHUTDOWN_TIMEOUT_MS
 * (exit 0), and one that does not is abandoned (exit 3): rolled back, left under the prefix (and its queue message left
 * for redelivery), to load whole on the next run. A {@link DatabaseGate} holds the load at an exact row meanwhile.
 */
class ShutdownIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private final TransactionsFile first = new TransactionsFile("F", 400);
    private final TransactionsFile second = new TransactionsFile("G", 100);

    @Test
    void aFileInFlightFinishesAfterSigtermNoOtherBeginsAndTheExitCodeIsZero() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        Map<String, String> env = polling(scenario);
        LoaderHttp http = LoaderHttp.onFreePort();
        env.put("LOADER_HTTP_PORT", http.port());
        putBoth(scenario);

        try (DatabaseGate gate = DatabaseGate.beforeInsert(TestStack.warehouse(), scenario.table(), "NEW.transaction_id = '" + first.id(200) + "'");
                LoaderProcess loader = LoaderProcess.start(env)) {
            gate.awaitHeld(WAIT);
            loader.terminate();
            loader.awaitUntil(WAIT, "the stop is logged", () -> loader.output().contains("Stopping (SIGTERM): taking no new files"));
            loader.awaitUntil(WAIT, "not ready while stopping", () -> http.readiness().code() != 200);
            gate.open();
            assertEquals(0, loader.awaitExit(120), loader.output());
            assertFalse(loader.output().contains("triggered by SIGTERM"), loader.output());
        }

        assertEquals(first.loadedIds(), Tables.transactionIds(TestStack.warehouse(), scenario.table()));
        assertEquals(List.of("processed/incoming/a-first.csv"), TestStack.aws().listKeys(scenario.bucket(), "processed/"));
        assertEquals(List.of("incoming/b-second.csv"), TestStack.aws().listKeys(scenario.bucket(), "incoming/"), "not begun after SIGTERM");
        assertEquals("SUCCEEDED", Notifications.receive(scenario.queueUrl(), 1).get(0).statusAttribute());
    }

    @Test
    void aFileThatDoesNotFinishInTimeIsRolledBackLeftInPlaceAndLoadsWholeOnTheNextRun() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        Map<String, String> env = polling(scenario);
        env.put("LOADER_SHUTDOWN_TIMEOUT_MS", "1500");
        putBoth(scenario);

        try (DatabaseGate gate = DatabaseGate.beforeInsert(TestStack.warehouse(), scenario.table(), "NEW.transaction_id = '" + first.id(200) + "'")) {
            try (LoaderProcess loader = LoaderProcess.start(env)) {
                gate.awaitHeld(WAIT);
                loader.terminate();
                assertEquals(3, loader.awaitExit(120), loader.output());
                assertTrue(loader.output().contains("Stopped before 1 file(s) in flight finished within 1500 ms"), loader.output());
            }
            gate.open();
            // The abandoned transaction ends with its connection: nothing of it is ever visible.
            Waits.until(WAIT, "the abandoned session is gone", () -> gate.heldStatements() == 0);
            assertEquals(List.of(), Tables.transactionIds(TestStack.warehouse(), scenario.table()));
            assertEquals(0, Tables.count(TestStack.warehouse(), scenario.ledger()));
            assertEquals(List.of("incoming/a-first.csv", "incoming/b-second.csv"), TestStack.aws().listKeys(scenario.bucket(), "incoming/"));
            assertEquals(List.of(), TestStack.aws().listKeys(scenario.bucket(), "failed/"), "not dead-lettered");
            assertEquals(List.of(), TestStack.aws().receiveWithin(scenario.queueUrl(), Duration.ofSeconds(1)), "no notification");
        }

        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(env));
        List<String> both = new java.util.ArrayList<>(first.loadedIds());
        both.addAll(second.loadedIds());
        assertEquals(both.stream().sorted().toList(), Tables.transactionIds(TestStack.warehouse(), scenario.table()).stream().sorted().toList());
        assertEquals(2, Tables.count(TestStack.warehouse(), scenario.ledger()));
    }

    @Test
    void aQueueMessageWhoseFileWasAbandonedIsDeliveredAgainAndLoadsTheFile() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        EventQueue events = TestStack.aws().createQueueWithDeadLetterQueue("events-" + scenario.bucket(), 5);
        Map<String, String> env = QueueDeliveryIT.queueEnvironment(scenario.environment(), events);
        env.put("LOADER_SHUTDOWN_TIMEOUT_MS", "1500");
        TestStack.aws().sendMessage(events.url(), S3Events.upload(scenario, "incoming/a-first.csv", first));

        try (DatabaseGate gate = DatabaseGate.beforeInsert(TestStack.warehouse(), scenario.table(), "NEW.transaction_id = '" + first.id(200) + "'")) {
            try (LoaderProcess loader = LoaderProcess.start(env)) {
                gate.awaitHeld(WAIT);
                loader.terminate();
                assertEquals(3, loader.awaitExit(120), loader.output());
            }
            gate.open();
            Waits.until(WAIT, "the abandoned session is gone", () -> gate.heldStatements() == 0);
        }
        assertEquals(1, TestStack.aws().messagesOnQueue(events.url()), "the message stays for redelivery");
        assertEquals(List.of("incoming/a-first.csv"), TestStack.aws().listKeys(scenario.bucket(), "incoming/"));

        try (LoaderProcess loader = LoaderProcess.start(env)) {
            loader.awaitUntil(WAIT, "the message is delivered again and deleted", () -> TestStack.aws().messagesOnQueue(events.url()) == 0);
        }
        assertEquals(first.loadedIds(), Tables.transactionIds(TestStack.warehouse(), scenario.table()));
        assertEquals(0, TestStack.aws().messagesOnQueue(events.deadLetterUrl()));
    }

    @Test
    void ctrlCIsLoggedAsSigintAndTheHealthEndpointsAreAnnounced() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        Map<String, String> env = polling(scenario);
        LoaderHttp http = LoaderHttp.onFreePort();
        env.put("LOADER_HTTP_PORT", http.port());

        try (LoaderProcess loader = LoaderProcess.start(env)) {
            loader.awaitUntil(WAIT, "the loader takes files", () -> loader.output().contains(LoaderProcess.TAKING_FILES));
            loader.interrupt();
            assertEquals(0, loader.awaitExit(120), loader.output());
            String output = loader.output();
            assertTrue(output.contains("Stopping (SIGINT)"), output);
            assertFalse(output.contains("SIGTERM"), output);
            String base = "http://0.0.0.0:" + http.port() + "/observe/";
            assertTrue(output.contains(base + "health/live (liveness), " + base + "health/ready (readiness)"), output);
        }
    }

    /** Tables created; two files, taken oldest first (by key when uploaded within the same second). */
    private TestStack.Scenario preparedScenario() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(scenario.environment()), "creates the tables");
        return scenario;
    }

    private void putBoth(TestStack.Scenario scenario) {
        TestStack.aws().putObject(scenario.bucket(), "incoming/a-first.csv", first.bytes());
        TestStack.aws().putObject(scenario.bucket(), "incoming/b-second.csv", second.bytes());
    }

    private static Map<String, String> polling(TestStack.Scenario scenario) {
        Map<String, String> env = new HashMap<>(scenario.environment());
        env.put("LOADER_POLL_INTERVAL_MS", "300");
        return env;
    }
}
