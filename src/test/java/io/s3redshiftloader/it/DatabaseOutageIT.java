package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.it.Notifications.Notification;
import io.s3redshiftloader.local.LocalWarehouse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database going away under the loader, on a PostgreSQL of its own that the tests stop and start: a short outage
 * is retried through and the file loads once; an outage longer than the retry budget dead-letters the file with
 * nothing of it in the table, and files dropped after the database is back load normally.
 */
class DatabaseOutageIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static LocalWarehouse database;

    @BeforeAll
    static void startDatabase() {
        database = LocalWarehouse.start();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void theDatabaseStoppedMidFileAndRestartedWithinTheRetryBudgetLoadsTheFileOnce() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        Map<String, String> env = environment(scenario);
        env.put("LOADER_RUN_ONCE", "true");
        env.put("LOADER_RETRY_ATTEMPTS", "6");
        env.put("LOADER_RETRY_DELAY_MS", "500");
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(env), "creates the tables");
        TransactionsFile file = new TransactionsFile("D", 3000);
        TestStack.aws().putObject(scenario.bucket(), "incoming/outage.csv", file.bytes());

        String output;
        DatabaseGate gate = DatabaseGate.beforeInsert(database, scenario.table(), "NEW.transaction_id = '" + file.id(1500) + "'");
        try (LoaderProcess loader = LoaderProcess.start(env)) {
            // Half the file is in the table's open transaction: then the database goes down, and the file starts again.
            gate.awaitHeld(WAIT);
            database.stop();
            Thread.sleep(1_500);
            database.restart();
            gate.close();
            assertEquals(0, loader.awaitExit(120), loader.output());
            output = loader.output();
            assertTrue(loader.logged("incoming/outage.csv", " failed (") && loader.logged("incoming/outage.csv", "retry 1 of 6"), output);
        }

        assertEquals(file.loadedIds(), loadedIds(scenario));
        assertEquals(1, count(scenario.ledger()));
        assertEquals("SUCCEEDED", Notifications.receive(scenario.queueUrl(), 1).get(0).statusAttribute());
    }

    @Test
    void theDatabaseDownLongerThanTheRetryBudgetDeadLettersTheFileAndLaterFilesLoadOnceItIsBack() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        Map<String, String> env = environment(scenario);
        env.put("LOADER_RETRY_ATTEMPTS", "2");
        env.put("LOADER_RETRY_DELAY_MS", "100");
        env.put("LOADER_POLL_INTERVAL_MS", "300");
        Map<String, String> setup = new HashMap<>(env);
        setup.put("LOADER_RUN_ONCE", "true");
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(setup), "creates the tables");
        TransactionsFile during = new TransactionsFile("DOWN", 100);
        TransactionsFile after = new TransactionsFile("UP", 100);

        List<Notification> notifications;
        try (LoaderProcess loader = LoaderProcess.start(env)) {
            loader.awaitUntil(WAIT, "the loader takes files", () -> loader.output().contains(LoaderProcess.TAKING_FILES));
            database.stop();
            try {
                TestStack.aws().putObject(scenario.bucket(), "incoming/during.csv", during.bytes());
                loader.awaitUntil(WAIT, "the file is dead-lettered", () -> TestStack.aws().listKeys(scenario.bucket(), "failed/")
                        .contains("failed/incoming/during.csv.error.json"));
            } finally {
                database.restart();
            }
            TestStack.aws().putObject(scenario.bucket(), "incoming/after.csv", after.bytes());
            loader.awaitUntil(WAIT, "the next file is loaded", () -> TestStack.aws().listKeys(scenario.bucket(), "processed/")
                    .contains("processed/incoming/after.csv"));
            // The notification follows the move: received before the loader is killed on close.
            notifications = Notifications.receive(scenario.queueUrl(), 2);
        }

        assertEquals(after.loadedIds(), loadedIds(scenario), "nothing of the dead-lettered file, all of the next");
        Notification failed = notifications.get(0);
        assertEquals("FAILED", failed.statusAttribute());
        assertEquals("incoming/during.csv", failed.body().path("key").asText());
        String error = failed.body().path("error").asText();
        assertTrue(error.startsWith("The database could not be reached after retries: Connection to 127.0.0.1:"), error);
        assertTrue(TestStack.aws().getObjectAsString(scenario.bucket(), "failed/incoming/during.csv.error.json").contains(error));
        assertEquals("SUCCEEDED", notifications.get(1).statusAttribute());
        assertEquals(List.of("failed/incoming/during.csv", "failed/incoming/during.csv.error.json"),
                TestStack.aws().listKeys(scenario.bucket(), "failed/"));
    }

    /** The scenario's environment against this class's database; a call waits at most a second for a connection. */
    private static Map<String, String> environment(TestStack.Scenario scenario) {
        Map<String, String> env = new HashMap<>(scenario.environment(database.jdbcUrl()));
        env.put("LOADER_DB_CONNECT_TIMEOUT_MS", "1000");
        return env;
    }

    private static List<String> loadedIds(TestStack.Scenario scenario) {
        return Tables.transactionIds(database, scenario.table());
    }

    private static long count(String table) {
        return Tables.count(database, table);
    }
}
