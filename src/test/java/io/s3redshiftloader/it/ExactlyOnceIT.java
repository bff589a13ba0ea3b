package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.it.Notifications.Notification;
import io.s3redshiftloader.local.FaultyLink;
import io.s3redshiftloader.local.LocalWarehouse;
import io.s3redshiftloader.local.RedshiftStartupRelay;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A file's rows reach the table exactly once, whatever happens: the loader killed ({@code kill -9}) while the rows flow
 * into the table, inside the commit, or after it; two loaders racing for the same object; the object delivered again;
 * the key re-uploaded with new content. The loaders connect as a user whose transactions default to snapshot isolation,
 * as Redshift's do, with a ledger whose primary key is not enforced, as on Redshift (see {@link SnapshotIsolation}).
 * The race and a kill also run through the Redshift JDBC driver, on the Redshift path. Each test asserts the table row
 * for row after the dust settles.
 */
class ExactlyOnceIT {
    private static final Duration HELD = Duration.ofSeconds(120);
    private static final String KEY = "incoming/exactly-once.csv";
    private static final TransactionsFile FILE = new TransactionsFile("E", 3000);

    private final LocalWarehouse warehouse = TestStack.warehouse();

    @Test
    void killedWhileTheRowsFlowThenRestartedLoadsTheFileOnce() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        killedWhileTheRowsFlowThenRestarted(scenario, runOnce(scenario.environment()));
    }

    @Test
    void killedWhileTheRowsFlowThroughTheRedshiftDriverThenRestartedLoadsTheFileOnce() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(warehouse.port())) {
            killedWhileTheRowsFlowThenRestarted(scenario, runOnce(scenario.environment(relay.jdbcUrl(warehouse.database()))));
        }
    }

    private void killedWhileTheRowsFlowThenRestarted(TestStack.Scenario scenario, Map<String, String> env) throws Exception {
        // Row 1500 is halfway: the first half is in the table's open transaction when the loader dies.
        try (DatabaseGate gate = DatabaseGate.beforeInsert(warehouse, scenario.table(), "NEW.transaction_id = '" + FILE.id(1500) + "'");
                LoaderProcess loader = LoaderProcess.start(env)) {
            gate.awaitHeld(HELD);
            loader.kill();
        }
        assertEquals(0, count(scenario.table()), "the server rolled the killed load's transaction back");
        assertEquals(0, count(scenario.ledger()));
        restartAndAssertLoadedOnce(scenario, env, "SUCCEEDED");
    }

    @Test
    void killedInsideTheCommitThenRestartedLoadsTheFileOnce() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        Map<String, String> env = runOnce(scenario.environment());

        // The ledger entry is written last, after the rows and under the ledger lock, just before the commit.
        try (DatabaseGate gate = DatabaseGate.beforeInsert(warehouse, scenario.ledger(), "true");
                LoaderProcess loader = LoaderProcess.start(env)) {
            gate.awaitHeld(HELD);
            loader.kill();
        }
        assertEquals(0, count(scenario.table()));
        assertEquals(0, count(scenario.ledger()));
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
                // The file is read and written; once committed, the loader's next S3 call (the move) hangs.
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

        // Both loaders are held at their first row. Holding the ledger in EXCLUSIVE mode then lets both copy the whole
        // file and stops both at the lock they take to check the ledger: both have every row, only one may commit.
        try (DatabaseGate rows = DatabaseGate.beforeInsert(warehouse, scenario.table(), "true");
                Connection test = warehouse.connect(); Statement lock = test.createStatement();
                LoaderProcess first = LoaderProcess.start(env); LoaderProcess second = LoaderProcess.start(env)) {
            rows.awaitHeld(2, HELD);
            test.setAutoCommit(false);
            lock.execute("LOCK TABLE " + scenario.ledger() + " IN EXCLUSIVE MODE");
            rows.open();
            awaitBothAtTheLedgerLock(scenario, first, second);
            test.rollback();
            assertBothExitAndTheObjectIsLoadedOnce(scenario, first, second);
        }
    }

    @Test
    void twoLoadersRacingThroughTheRedshiftDriverCommitItOnce() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(warehouse.port())) {
            Map<String, String> env = runOnce(scenario.environment(relay.jdbcUrl(warehouse.database())));
            // Both loaders first look in the ledger at the same moment, so both find the object not loaded yet. Then
            // their first row is held: a loader that locked the ledger first holds the lock there and the other waits
            // for it; one that wrote rows before locking would hold a snapshot from before the other's commit.
            try (DatabaseGate rows = DatabaseGate.beforeInsert(warehouse, scenario.table(), "true");
                    Connection test = warehouse.connect(); Statement lock = test.createStatement()) {
                test.setAutoCommit(false);
                lock.execute("LOCK TABLE " + scenario.ledger() + " IN ACCESS EXCLUSIVE MODE");
                try (LoaderProcess first = LoaderProcess.start(env); LoaderProcess second = LoaderProcess.start(env)) {
                    awaitBoth(first, second, "look in the ledger", () -> waitingFor("SELECT load_id FROM " + scenario.ledger()) == 2);
                    test.rollback();
                    awaitBoth(first, second, "hold their first row or wait for the ledger lock", () -> rows.heldStatements()
                            + waitingFor("LOCK TABLE " + scenario.ledger()) == 2);
                    rows.open();
                    assertBothExitAndTheObjectIsLoadedOnce(scenario, first, second);
                }
            }
        }
    }

    /** Sessions waiting for a lock while running a statement that starts so. */
    private int waitingFor(String statement) {
        return warehouse.query("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '" + statement + "%'").size();
    }

    private void awaitBothAtTheLedgerLock(TestStack.Scenario scenario, LoaderProcess first, LoaderProcess second) throws InterruptedException {
        awaitBoth(first, second, "wait for the ledger lock", () -> waitingFor("LOCK TABLE " + scenario.ledger()) == 2);
    }

    private void awaitBoth(LoaderProcess first, LoaderProcess second, String what, BooleanSupplier condition)
            throws InterruptedException {
        try {
            first.awaitUntil(HELD, "both loaders " + what, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nSecond loader:\n" + second.output(), e);
        }
    }

    private void assertBothExitAndTheObjectIsLoadedOnce(TestStack.Scenario scenario, LoaderProcess first, LoaderProcess second)
            throws Exception {
        assertEquals(0, first.awaitExit(120), first.output());
        assertEquals(0, second.awaitExit(120), second.output());
        assertEquals(FILE.loadedIds().size(), loadedIds(scenario).size(), "each row once");
        assertEquals(FILE.loadedIds(), loadedIds(scenario));
        assertEquals(1, count(scenario.ledger()));
        List<String> statuses = Notifications.receive(scenario.queueUrl(), 2).stream().map(Notification::statusAttribute).sorted().toList();
        assertEquals(List.of("SKIPPED", "SUCCEEDED"), statuses);
        assertEquals(List.of("processed/" + KEY), TestStack.aws().listKeys(scenario.bucket(), "processed/"));
    }

    @Test
    void aKeyReuploadedWithNewContentIsANewLoadAndTheOldContentAgainIsSkipped() throws Exception {
        TestStack.Scenario scenario = preparedScenario();
        Map<String, String> env = snapshot(scenario.environment());
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

    /**
     * A scenario whose tables exist (the loader created them on an empty prefix), with a ledger that, as on Redshift,
     * does not enforce its key, and whose file waits in the prefix.
     */
    private TestStack.Scenario preparedScenario() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(scenario.environment()));
        SnapshotIsolation.withoutLedgerKey(warehouse, scenario.ledger());
        TestStack.aws().putObject(scenario.bucket(), KEY, FILE.bytes());
        return scenario;
    }

    /** Runs the loader again, to the end, and checks it converged: each loaded row once, file moved, one notification. */
    private void restartAndAssertLoadedOnce(TestStack.Scenario scenario, Map<String, String> env, String status) throws Exception {
        try (LoaderProcess restart = LoaderProcess.start(env)) {
            assertEquals(0, restart.awaitExit(120), restart.output());
        }
        assertEquals(FILE.loadedIds(), loadedIds(scenario));
        assertEquals(1, count(scenario.ledger()));
        assertEquals(List.of("processed/" + KEY), TestStack.aws().listKeys(scenario.bucket(), "processed/"));
        assertEquals(List.of(), TestStack.aws().listKeys(scenario.bucket(), "incoming/"));
        Notification notification = Notifications.receive(scenario.queueUrl(), 1).get(0);
        assertEquals(status, notification.statusAttribute(), notification.body().toString());
        assertEquals(List.of(), TestStack.aws().receiveWithin(scenario.queueUrl(), Duration.ofSeconds(1)), "one notification only");
    }

    private Map<String, String> runOnce(Map<String, String> environment) {
        Map<String, String> env = snapshot(environment);
        env.put("LOADER_RUN_ONCE", "true");
        return env;
    }

    private Map<String, String> snapshot(Map<String, String> environment) {
        return new HashMap<>(SnapshotIsolation.environment(warehouse, environment));
    }

    private List<String> loadedIds(TestStack.Scenario scenario) {
        return Tables.transactionIds(warehouse, scenario.table());
    }

    private long count(String table) {
        return Tables.count(warehouse, table);
    }
}
