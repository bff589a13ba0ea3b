package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.it.Notifications.Notification;
import io.s3redshiftloader.local.FaultyLink;
import io.s3redshiftloader.local.LocalWarehouse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A file's rows reach the table exactly once, whatever happens: the loader killed ({@code kill -9}) while staging,
 * inside the commit, or after it; two loaders racing for the same object; the object delivered again; the key
 * re-uploaded with new content. Each test asserts the table row for row after the dust settles.
 */
class ExactlyOnceIT {
    private static final Duration HELD = Duration.ofSeconds(120);
    private static final String KEY = "incoming/exactly-once.csv";
    private static final TransactionsFile FILE = new TransactionsFile("E", 3000);

    private final LocalWarehouse warehouse = TestStack.warehouse();

    @Test
    void killedWhileStagingThenRestartedLoadsTheFileOnce() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        Map<String, String> env = runOnce(scenario.environment());

        // Row 1500 opens chunk 3 of 6: earlier chunks are committed to the stage when the loader dies.
        try (DatabaseGate gate = DatabaseGate.beforeInsert(warehouse, scenario.stage(), "NEW.transaction_id = '" + FILE.id(1500) + "'");
                LoaderProcess loader = LoaderProcess.start(env)) {
            gate.awaitHeld(HELD);
            loader.kill();
        }
        assertTrue(count(scenario.stage()) > 0, "the killed load left staged rows behind");
        assertEquals(0, count(scenario.table()));

        awaitStale(scenario, env);
        String restart = restartAndAssertLoadedOnce(scenario, env, "SUCCEEDED");
        assertTrue(restart.contains("staged rows left by loads that never finished"), restart);
    }

    @Test
    void killedInsideTheCommitThenRestartedLoadsTheFileOnce() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        Map<String, String> env = runOnce(scenario.environment());

        // The insert into the target runs inside the publishing transaction, after the ledger lock was taken.
        try (DatabaseGate gate = DatabaseGate.beforeInsert(warehouse, scenario.table(), "true");
                LoaderProcess loader = LoaderProcess.start(env)) {
            gate.awaitHeld(HELD);
            loader.kill();
        }
        assertEquals(0, count(scenario.table()));
        assertEquals(0, count(scenario.ledger()));

        awaitStale(scenario, env);
        restartAndAssertLoadedOnce(scenario, env, "SUCCEEDED");
    }

    @Test
    void killedAfterTheCommitBeforeTheMoveThenRestartedSkipsAndMovesTheFile() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        try (FaultyLink s3 = FaultyLink.to(TestStack.aws().endpoint().getPort())) {
            Map<String, String> env = runOnce(scenario.environment());
            env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());

            try (DatabaseGate gate = DatabaseGate.beforeInsert(warehouse, scenario.ledger(), "true");
                    LoaderProcess loader = LoaderProcess.start(env)) {
                gate.awaitHeld(HELD);
                // The file is read and staged; once committed, the loader's next S3 call (the move) hangs.
                s3.mode(FaultyLink.Mode.STALL);
                gate.open();
                Waits.until(HELD, "the load is committed", () -> count(scenario.ledger()) == 1);
                loader.kill();
            }
            s3.mode(FaultyLink.Mode.PASS);
            assertEquals(FILE.loadedIds(), loadedIds(scenario), "committed before the kill");
            assertEquals(List.of(KEY), TestStack.aws().listKeys(scenario.bucket(), "incoming/"), "not moved before the kill");

            restartAndAssertLoadedOnce(scenario, env, "SKIPPED");
        }
    }

    @Test
    void twoLoadersRacingForTheSameObjectCommitItOnce() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        Map<String, String> env = runOnce(scenario.environment());

        // Both loaders first get past start-up (which clears stale stage rows) and check the ledger, held at the stage.
        // Then, holding the ledger in EXCLUSIVE mode lets both stage the whole file and stops both at the lock they take
        // to publish: both have a complete stage, only one may commit.
        try (DatabaseGate staging = DatabaseGate.beforeInsert(warehouse, scenario.stage(), "true");
                Connection test = warehouse.connect(); Statement lock = test.createStatement();
                LoaderProcess first = LoaderProcess.start(env); LoaderProcess second = LoaderProcess.start(env)) {
            first.awaitUntil(HELD, "the first loader checked the ledger", () -> first.output().contains(KEY + ": loading"));
            second.awaitUntil(HELD, "the second loader checked the ledger", () -> second.output().contains(KEY + ": loading"));
            test.setAutoCommit(false);
            lock.execute("LOCK TABLE " + scenario.ledger() + " IN EXCLUSIVE MODE");
            staging.open();
            Waits.until(HELD, "both loaders wait to publish", () -> warehouse.query("SELECT pid FROM pg_stat_activity"
                    + " WHERE wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE " + scenario.ledger() + "%'").size() == 2);
            assertEquals(2, count(scenario.stage()) / FILE.loadedIds().size(), "both loaders staged the whole file");
            test.rollback();

            assertEquals(0, first.awaitExit(120), first.output());
            assertEquals(0, second.awaitExit(120), second.output());
        }
        assertEquals(FILE.loadedIds(), loadedIds(scenario));
        assertEquals(0, count(scenario.stage()), "the losing load's stage is discarded");
        assertEquals(1, count(scenario.ledger()));
        List<String> statuses = Notifications.receive(scenario.queueUrl(), 2).stream().map(Notification::statusAttribute).sorted().toList();
        assertEquals(List.of("SKIPPED", "SUCCEEDED"), statuses);
        assertEquals(List.of("processed/" + KEY), TestStack.aws().listKeys(scenario.bucket(), "processed/"));
    }

    @Test
    void aKeyReuploadedWithNewContentIsANewLoadAndTheOldContentAgainIsSkipped() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        Map<String, String> env = scenario.environment();
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(env));

        TransactionsFile corrected = new TransactionsFile("F", 10);
        TestStack.aws().putObject(scenario.bucket(), KEY, corrected.bytes());
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(env));
        TestStack.aws().putObject(scenario.bucket(), KEY, FILE.bytes());
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(env));

        List<String> expected = new ArrayList<>(FILE.loadedIds());
        expected.addAll(corrected.loadedIds());
        assertEquals(expected, loadedIds(scenario));
        assertEquals(2, count(scenario.ledger()));
        List<String> statuses = Notifications.receive(scenario.queueUrl(), 3).stream().map(Notification::statusAttribute).toList();
        assertEquals(List.of("SUCCEEDED", "SUCCEEDED", "SKIPPED"), statuses);
        assertEquals(List.of(), TestStack.aws().listKeys(scenario.bucket(), "incoming/"));
    }

    /** A scenario whose tables exist (the loader created them on an empty prefix) and whose file waits in the prefix. */
    private static TestStack.Scenario preparedScenario() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(scenario.environment()));
        TestStack.aws().putObject(scenario.bucket(), KEY, FILE.bytes());
        return scenario;
    }

    /**
     * Makes the killed load's staged rows stale for the restart: rows count as stale once their load wrote nothing for
     * LOADER_STALE_STAGE_AGE_MS (until then they could belong to a load in flight on another loader).
     */
    private void awaitStale(TestStack.Scenario scenario, Map<String, String> env) throws InterruptedException {
        env.put("LOADER_STALE_STAGE_AGE_MS", "1000");
        Waits.until(HELD, "the killed load's rows are a second old", () -> warehouse.query("SELECT 1 FROM " + scenario.stage()
                + " HAVING MAX(loader_staged_at) < timezone('UTC', now()) - interval '1 second'").size() == 1);
    }

    /** Runs the loader again, to the end, and checks it converged: each loaded row once, stage empty, file moved. */
    private String restartAndAssertLoadedOnce(TestStack.Scenario scenario, Map<String, String> env, String status) throws Exception {
        String output;
        try (LoaderProcess restart = LoaderProcess.start(env)) {
            assertEquals(0, restart.awaitExit(120), restart.output());
            output = restart.output();
        }
        assertEquals(FILE.loadedIds(), loadedIds(scenario));
        assertEquals(0, count(scenario.stage()), "stage cleaned");
        assertEquals(1, count(scenario.ledger()));
        assertEquals(List.of("processed/" + KEY), TestStack.aws().listKeys(scenario.bucket(), "processed/"));
        assertEquals(List.of(), TestStack.aws().listKeys(scenario.bucket(), "incoming/"));
        Notification notification = Notifications.receive(scenario.queueUrl(), 1).get(0);
        assertEquals(status, notification.statusAttribute(), notification.body().toString());
        assertEquals(List.of(), TestStack.aws().receiveWithin(scenario.queueUrl(), Duration.ofSeconds(1)), "one notification only");
        return output;
    }

    private static Map<String, String> runOnce(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("LOADER_RUN_ONCE", "true");
        return env;
    }

    private List<String> loadedIds(TestStack.Scenario scenario) {
        return Tables.transactionIds(warehouse, scenario.table());
    }

    private long count(String table) {
        return Tables.count(warehouse, table);
    }
}
