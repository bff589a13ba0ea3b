package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.local.LocalWarehouse;
import io.s3redshiftloader.schema.TableName;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ledger against a real PostgreSQL: an object's entry is written in the transaction that loads its rows, so the two
 * commit together or not at all, and every later check of the same bucket, key and ETag finds the load that did it.
 */
class LoadLedgerTest {
    private static final TableName TARGET = TableName.parse("ledger_test.items");
    private static final String BUCKET = "bucket";
    private static final String KEY = "incoming/items.csv";

    private static LocalWarehouse warehouse;
    private static PGSimpleDataSource dataSource;
    private static Dialect dialect;
    private static LoadLedger ledger;

    @BeforeAll
    static void startDatabase() {
        warehouse = LocalWarehouse.start();
        dialect = Dialect.forJdbcUrl(warehouse.jdbcUrl());
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(warehouse.jdbcUrl());
        dataSource.setUser(warehouse.user());
        warehouse.execute(dialect.createSchema(TARGET));
        warehouse.execute("CREATE TABLE " + TARGET + " (label VARCHAR(20))");
        warehouse.execute(dialect.createLedger(LoadLedger.ledgerOf(TARGET)));
        ledger = new LoadLedger(dataSource, dialect, TARGET);
    }

    @AfterAll
    static void stopDatabase() {
        warehouse.close();
    }

    @BeforeEach
    void emptyTables() {
        // A transaction a failed test left open would hold the tables: fail then, rather than wait for ever.
        warehouse.execute("SET lock_timeout = '20s'; TRUNCATE " + TARGET + ", " + LoadLedger.ledgerOf(TARGET));
    }

    @Test
    void theEntryCommitsWithTheFilesRowsAndTheNextCheckFindsItsLoad() throws Exception {
        LoadTransaction load = transaction("etag-1", "load-1");
        insertRow(load, "first");
        insertRow(load, "second");
        assertEquals(Optional.empty(), ledger.findLoad(BUCKET, KEY, "etag-1"), "nothing is recorded before the commit");

        assertEquals(Optional.empty(), load.commit(2));
        load.close();

        assertEquals(Optional.of("load-1"), ledger.findLoad(BUCKET, KEY, "etag-1"));
        assertEquals(List.of(List.of(BUCKET, KEY, "etag-1", "ledger_test.items", "load-1", 2L)),
                warehouse.query("SELECT bucket, object_key, etag, target_table, load_id, rows_loaded FROM " + LoadLedger.ledgerOf(TARGET)));
        assertEquals(2, rows(TARGET));
    }

    @Test
    void aSecondLoadOfTheSameObjectFindsTheFirstAndLeavesNothingOfItsOwn() throws Exception {
        LoadTransaction first = transaction("etag-1", "load-1");
        insertRow(first, "first");
        first.commit(1);
        first.close();

        LoadTransaction second = transaction("etag-1", "load-2");
        insertRow(second, "again");
        assertEquals(Optional.of("load-1"), second.commit(1));
        second.close();

        assertEquals(List.of(List.of("first")), warehouse.query("SELECT label FROM " + TARGET));
        assertEquals(1, rows(LoadLedger.ledgerOf(TARGET)));
    }

    @Test
    void aLoadThatEndsWithoutCommittingLeavesNeitherRowsNorEntry() throws Exception {
        LoadTransaction load = transaction("etag-1", "load-1");
        insertRow(load, "abandoned");
        ledger.record(load.connection(), load.entry(), 1);

        load.close();

        assertEquals(Optional.empty(), ledger.findLoad(BUCKET, KEY, "etag-1"));
        assertEquals(0, rows(TARGET));
        assertEquals(0, rows(LoadLedger.ledgerOf(TARGET)));
    }

    @Test
    void anotherBucketKeyOrEtagIsAnotherObject() throws Exception {
        LoadTransaction load = transaction("etag-1", "load-1");
        load.commit(0);
        load.close();

        assertEquals(Optional.of("load-1"), ledger.findLoad(BUCKET, KEY, "etag-1"));
        assertEquals(Optional.empty(), ledger.findLoad(BUCKET, KEY, "etag-2"), "a new version of the file loads again");
        assertEquals(Optional.empty(), ledger.findLoad("other-bucket", KEY, "etag-1"));
        assertEquals(Optional.empty(), ledger.findLoad(BUCKET, "incoming/other.csv", "etag-1"));
    }

    @Test
    void theLedgerSitsNextToItsTargetTable() {
        assertEquals(TableName.parse("ledger_test.loader_ledger"), LoadLedger.ledgerOf(TARGET));
    }

    private static LoadTransaction transaction(String etag, String loadId) {
        return new LoadTransaction(dataSource, dialect, ledger, new LedgerEntry(BUCKET, KEY, etag, loadId));
    }

    private static void insertRow(LoadTransaction load, String label) throws Exception {
        Connection connection = load.connection();
        try (Statement insert = connection.createStatement()) {
            insert.executeUpdate("INSERT INTO " + TARGET + " (label) VALUES ('" + label + "')");
        }
    }

    private static long rows(TableName table) {
        return ((Number) warehouse.query("SELECT count(*) FROM " + table).get(0).get(0)).longValue();
    }
}
