package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.it.TestStack;
import io.s3redshiftloader.local.LocalWarehouse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** On PostgreSQL the stage skips the write-ahead log, whether this version created it or an earlier one did, logged. */
class UnloggedStageIT {
    private final LocalWarehouse warehouse = TestStack.warehouse();

    @Test
    void aNewStageIsUnloggedAndALoggedOneFromAnEarlierVersionBecomesUnlogged() throws Exception {
        warehouse.execute("DROP SCHEMA IF EXISTS unlogged_stage CASCADE");
        warehouse.execute("CREATE SCHEMA unlogged_stage");
        warehouse.execute("CREATE TABLE unlogged_stage.fresh (transaction_id VARCHAR(64), amount NUMERIC(18,2))");
        warehouse.execute("CREATE TABLE unlogged_stage.upgraded (transaction_id VARCHAR(64), amount NUMERIC(18,2))");
        warehouse.execute("CREATE TABLE unlogged_stage.upgraded_loader_stage (LIKE unlogged_stage.upgraded)");
        warehouse.execute("INSERT INTO unlogged_stage.upgraded_loader_stage VALUES ('T1', 900)");

        prepare("unlogged_stage.fresh");
        prepare("unlogged_stage.upgraded");
        prepare("unlogged_stage.upgraded");

        assertEquals(List.of(List.of("fresh_loader_stage", "u"), List.of("upgraded_loader_stage", "u")),
                warehouse.query("SELECT relname::text, relpersistence::text FROM pg_class WHERE relnamespace = 'unlogged_stage'::regnamespace"
                        + " AND relname LIKE '%_loader_stage' ORDER BY relname"));
        assertEquals(List.of(List.of("T1")), warehouse.query("SELECT transaction_id FROM unlogged_stage.upgraded_loader_stage"),
                "an earlier load's staged rows are kept");
        warehouse.execute("DROP SCHEMA unlogged_stage CASCADE");
    }

    private void prepare(String table) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(warehouse.jdbcUrl());
        dataSource.setUser(warehouse.user());
        dataSource.setPassword(warehouse.password());
        new WarehouseSchema(dataSource, new WarehouseSql(TableName.parse(table), Dialect.POSTGRESQL)).prepare(false, Path.of("unused.sql"));
    }
}
