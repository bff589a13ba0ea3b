package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.local.LocalWarehouse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A loader that starts while another is half-way through a file removes only the stage rows of loads that died (no
 * chunk written for LOADER_STALE_STAGE_AGE_MS), never those of the load in flight, which then commits whole.
 */
class StaleStageIT {
    private static final Duration HELD = Duration.ofSeconds(120);
    private static final String KEY = "incoming/in-flight.csv";
    private static final TransactionsFile FILE = new TransactionsFile("S", 3000);

    private final LocalWarehouse warehouse = TestStack.warehouse();

    @Test
    void aLoaderStartingWhileAnotherIsMidFileRemovesOnlyDeadLoadsRows() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(scenario.environment()), "creates the tables");
        TestStack.aws().putObject(scenario.bucket(), KEY, FILE.bytes());
        // What a loader killed two hours ago left behind.
        warehouse.execute("INSERT INTO " + scenario.stage() + " (transaction_id, amount, loader_load_id, loader_chunk, loader_staged_at)"
                + " VALUES ('DEAD1', 900, 'dead-load', 0, timezone('UTC', now()) - interval '2 hours')");
        Map<String, String> env = new HashMap<>(scenario.environment());
        env.put("LOADER_RUN_ONCE", "true");
        Map<String, String> elsewhere = new HashMap<>(env);
        elsewhere.put("S3_PREFIX", "elsewhere/");

        // Row 1500 opens chunk 3 of 6: the first two chunks are in the stage while the load is held.
        try (DatabaseGate gate = DatabaseGate.beforeInsert(warehouse, scenario.stage(), "NEW.transaction_id = '" + FILE.id(1500) + "'");
                LoaderProcess inFlight = LoaderProcess.start(env)) {
            gate.awaitHeld(HELD);
            long staged = liveRows(scenario);
            assertTrue(staged > 0, "the load in flight has staged chunks");

            assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(elsewhere), "another loader starts and stops");
            assertEquals(staged, liveRows(scenario), "the load in flight kept its rows");
            assertEquals(List.of(), warehouse.query("SELECT 1 FROM " + scenario.stage() + " WHERE loader_load_id = 'dead-load'"),
                    "the dead load's rows are gone");

            gate.open();
            assertEquals(0, inFlight.awaitExit(120), inFlight.output());
        }
        assertEquals(FILE.loadedIds(), Tables.transactionIds(warehouse, scenario.table()));
        assertEquals("SUCCEEDED", Notifications.receive(scenario.queueUrl(), 1).get(0).statusAttribute());
        assertEquals(0, Tables.count(warehouse, scenario.stage()));
    }

    private long liveRows(TestStack.Scenario scenario) {
        return ((Number) warehouse.query("SELECT count(*) FROM " + scenario.stage() + " WHERE loader_load_id <> 'dead-load'")
                .get(0).get(0)).longValue();
    }
}
