package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.local.LocalWarehouse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A loader upgraded from the version that staged rows in a shared table starts cleanly where that version ran: its
 * ledger keeps guarding the objects it loaded, its stage table (rows and all) is left alone for the user to drop, and
 * its settings that no longer exist are ignored.
 */
class UpgradeFromStagedVersionIT {

    @Test
    void theOldStageIsLeftAloneAndTheOldLedgerStillCounts() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        LocalWarehouse warehouse = TestStack.warehouse();
        String schema = scenario.table().substring(0, scenario.table().indexOf('.'));
        String stage = scenario.table() + "_loader_stage";
        warehouse.execute("CREATE SCHEMA " + schema);
        warehouse.execute("CREATE TABLE " + scenario.table() + " (transaction_id VARCHAR(64) NOT NULL, amount DECIMAL(18,2) NOT NULL)");
        warehouse.execute("CREATE UNLOGGED TABLE " + stage + " (LIKE " + scenario.table() + ")");
        warehouse.execute("ALTER TABLE " + stage + " ADD COLUMN loader_load_id VARCHAR(36), ADD COLUMN loader_chunk INTEGER,"
                + " ADD COLUMN loader_staged_at TIMESTAMP");
        warehouse.execute("INSERT INTO " + stage + " VALUES ('LEFT', 900, 'dead-load', 0, '2026-11-01 10:00:00')");
        warehouse.execute("CREATE TABLE " + scenario.ledger() + " (bucket VARCHAR(255) NOT NULL, object_key VARCHAR(1024) NOT NULL,"
                + " etag VARCHAR(128) NOT NULL, target_table VARCHAR(255) NOT NULL, load_id VARCHAR(36) NOT NULL, rows_loaded BIGINT NOT NULL,"
                + " loaded_at TIMESTAMP NOT NULL, PRIMARY KEY (bucket, object_key, etag))");
        TransactionsFile loadedBefore = new TransactionsFile("OLD", 10);
        TransactionsFile fresh = new TransactionsFile("NEW", 10);
        TestStack.aws().putObject(scenario.bucket(), "incoming/loaded-before.csv", loadedBefore.bytes());
        String etag = TestStack.aws().s3().headObject(head -> head.bucket(scenario.bucket()).key("incoming/loaded-before.csv")).eTag();
        warehouse.execute("INSERT INTO " + scenario.ledger() + " VALUES ('" + scenario.bucket() + "', 'incoming/loaded-before.csv', '"
                + etag.replace("'", "''") + "', '" + scenario.table() + "', 'old-load', 5, '2026-11-01 10:00:00')");
        TestStack.aws().putObject(scenario.bucket(), "incoming/fresh.csv", fresh.bytes());

        Map<String, String> env = new HashMap<>(scenario.environment());
        env.put("LOADER_STALE_STAGE_AGE_MS", "1000");
        env.put("LOADER_BULK_MIN_ROWS", "1");
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(env));

        assertEquals(fresh.loadedIds(), Tables.transactionIds(warehouse, scenario.table()), "the new file only; the old one was loaded before");
        assertEquals(List.of(List.of("LEFT", "dead-load")), warehouse.query("SELECT transaction_id, loader_load_id FROM " + stage),
                "the old stage is left as it was");
        List<String> statuses = Notifications.receive(scenario.queueUrl(), 2).stream().map(Notifications.Notification::statusAttribute)
                .sorted().toList();
        assertEquals(List.of("SKIPPED", "SUCCEEDED"), statuses);
    }
}
