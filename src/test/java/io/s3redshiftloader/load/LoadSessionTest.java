package io.s3redshiftloader.load;

import io.s3redshiftloader.csv.FileColumns;
import io.s3redshiftloader.csv.ParsedChunk;
import io.s3redshiftloader.csv.RejectedRow;
import io.s3redshiftloader.csv.UnloadableFileException;
import io.s3redshiftloader.local.LocalWarehouse;
import io.s3redshiftloader.routes.ExchangeProperties;
import io.s3redshiftloader.schema.TableName;
import io.s3redshiftloader.schema.TableSchema;
import io.s3redshiftloader.warehouse.Dialect;
import io.s3redshiftloader.warehouse.LoadLedger;
import io.s3redshiftloader.warehouse.TableLoads;
import io.s3redshiftloader.warehouse.WarehouseSchema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One attempt at a file, against a real PostgreSQL and the sample table: begin looks the object up in the ledger, commit
 * makes the rows visible with their ledger entry, end rolls back whatever was not committed and releases the object's
 * stream.
 */
class LoadSessionTest {
    private static final TableName TARGET = TableName.parse("session_test.transactions");
    private static final String BUCKET = "bucket";
    private static final String[] HEADER = {"transaction_id", "amount"};

    private static LocalWarehouse warehouse;
    private static DefaultCamelContext camel;
    private static TableSchema schema;
    private static TableLoads loads;
    private static LoadLedger ledger;

    private final LoadsInFlight inFlight = new LoadsInFlight();

    @BeforeAll
    static void startDatabase() throws SQLException {
        warehouse = LocalWarehouse.start();
        camel = new DefaultCamelContext();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(warehouse.jdbcUrl());
        dataSource.setUser(warehouse.user());
        Dialect dialect = Dialect.forJdbcUrl(warehouse.jdbcUrl());
        schema = new WarehouseSchema(dataSource, dialect, TARGET).prepare(true, Path.of("config/ddl/transactions.sql"));
        ledger = new LoadLedger(dataSource, dialect, TARGET);
        loads = new TableLoads(dataSource, dialect, ledger, TARGET);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        camel.close();
        warehouse.close();
    }

    @BeforeEach
    void emptyTables() {
        // A transaction a failed test left open would hold the tables: fail then, rather than wait for ever.
        warehouse.execute("SET lock_timeout = '20s'; TRUNCATE " + TARGET + ", " + LoadLedger.ledgerOf(TARGET));
    }

    @Test
    void beginNamesTheObjectCountsItInFlightAndFindsANewObjectNotLoaded() throws Exception {
        Exchange exchange = fetched("incoming/new.csv", "etag-1");
        exchange.setProperty(ExchangeProperties.LOAD_ID, "load-from-the-route");

        session(1000).begin(exchange);

        LoadContext load = exchange.getProperty(ExchangeProperties.LOAD_CONTEXT, LoadContext.class);
        assertEquals(BUCKET, load.bucket());
        assertEquals("incoming/new.csv", load.key());
        assertEquals("etag-1", load.etag());
        assertEquals("load-from-the-route", load.loadId(), "the load id the route's log lines already carry");
        assertFalse(load.alreadyLoaded());
        assertEquals(List.of(load), inFlight.snapshot());
    }

    @Test
    void commitMakesTheRowsVisibleWithALedgerEntryThatCountsThem() throws Exception {
        LoadSession session = session(1000);
        Exchange exchange = fetched("incoming/a.csv", "etag-1");
        LoadContext load = begunWithRows(session, exchange, row("t1", "600.00"), row("t2", "700.00"));
        assertEquals(0, rows(TARGET), "nothing is visible before the commit");

        session.commit(load);
        session.end(exchange);

        assertTrue(load.isCommitted());
        assertFalse(load.alreadyLoaded());
        assertEquals(List.of(List.of("t1"), List.of("t2")), warehouse.query("SELECT transaction_id FROM " + TARGET + " ORDER BY 1"));
        assertEquals(List.of(List.of("incoming/a.csv", "etag-1", load.loadId(), 2L)),
                warehouse.query("SELECT object_key, etag, load_id, rows_loaded FROM " + LoadLedger.ledgerOf(TARGET)));
        assertEquals(0, inFlight.count(), "ended: no longer in flight");
    }

    @Test
    void anObjectInTheLedgerIsFoundAtBeginAsLoadedByTheEarlierLoad() throws Exception {
        LoadSession session = session(1000);
        Exchange first = fetched("incoming/a.csv", "etag-1");
        LoadContext earlier = begunWithRows(session, first, row("t1", "600.00"));
        session.commit(earlier);
        session.end(first);

        Exchange again = fetched("incoming/a.csv", "etag-1");
        session.begin(again);
        Exchange newVersion = fetched("incoming/a.csv", "etag-2");
        session.begin(newVersion);

        LoadContext skipped = again.getProperty(ExchangeProperties.LOAD_CONTEXT, LoadContext.class);
        assertTrue(skipped.alreadyLoaded());
        assertEquals(earlier.loadId(), skipped.previousLoadId());
        assertFalse(newVersion.getProperty(ExchangeProperties.LOAD_CONTEXT, LoadContext.class).alreadyLoaded(), "another ETag is another object");
    }

    @Test
    void anObjectLoadedMeanwhileIsFoundAtCommitAndAddsNothing() throws Exception {
        LoadSession session = session(1000);
        Exchange winner = fetched("incoming/a.csv", "etag-1");
        Exchange loser = fetched("incoming/a.csv", "etag-1");
        LoadContext first = begunWithRows(session, winner, row("t1", "600.00"));
        LoadContext second = begunWithRows(session, loser, row("t1", "600.00"), row("t2", "700.00"));

        session.commit(first);
        session.end(winner);
        session.commit(second);
        session.end(loser);

        assertTrue(second.alreadyLoaded());
        assertEquals(first.loadId(), second.previousLoadId());
        assertFalse(second.isCommitted());
        assertEquals(1, rows(TARGET));
        assertEquals(1, rows(LoadLedger.ledgerOf(TARGET)));
    }

    @Test
    void endRollsBackALoadThatDidNotCommitAndReleasesTheObjectStream() throws Exception {
        LoadSession session = session(1000);
        Exchange exchange = fetched("incoming/a.csv", "etag-1");
        LoadContext load = begunWithRows(session, exchange, row("t1", "600.00"));
        exchange.setException(new IllegalStateException("a later step failed"));

        session.end(exchange);

        assertEquals(0, openTransactions(), "rolled back");
        assertEquals(0, rows(TARGET));
        assertEquals(0, rows(LoadLedger.ledgerOf(TARGET)));
        assertTrue(((ObjectBody) exchange.getMessage().getBody()).closed, "the object's stream is released");
        assertEquals(0, inFlight.count());
        assertNull(load.tableLoad(loads), "chunks still in flight write nothing once ended");
        Exchange retry = fetched("incoming/a.csv", "etag-1");
        session.begin(retry);
        assertFalse(retry.getProperty(ExchangeProperties.LOAD_CONTEXT, LoadContext.class).alreadyLoaded(), "the whole file is tried again");
    }

    @Test
    void aFailureToEndIsAddedToTheFailureThatLedThere() throws Exception {
        LoadSession session = session(1000);
        Exchange exchange = fetched("incoming/a.csv", "etag-1");
        begunWithRows(session, exchange, row("t1", "600.00"));
        IllegalStateException cause = new IllegalStateException("a later step failed");
        exchange.setException(cause);
        dropOtherConnections();

        session.end(exchange);

        assertEquals(1, cause.getSuppressed().length, "the rollback on a lost connection failed too");
        assertTrue(cause.getSuppressed()[0] instanceof SQLException, cause.getSuppressed()[0].toString());
        assertEquals(0, inFlight.count());
    }

    @Test
    void endBeforeBeginDoesNothing() {
        Exchange exchange = fetched("incoming/a.csv", "etag-1");

        session(1000).end(exchange);

        assertFalse(((ObjectBody) exchange.getMessage().getBody()).closed);
    }

    @Test
    void commitRefusesRowCountsThatDoNotAddUpAndNothingIsLoaded() throws Exception {
        LoadSession session = session(1000);
        Exchange exchange = fetched("incoming/a.csv", "etag-1");
        LoadContext load = begunWithRows(session, exchange, row("t1", "600.00"));
        load.countParsed(new ParsedChunk(2, 1, List.of(), List.of()));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> session.commit(load));
        session.end(exchange);

        assertEquals("Row counts do not add up (read 2, filtered 0, rejected 0, written 1); nothing was loaded.", refused.getMessage());
        assertEquals(0, openTransactions());
        assertEquals(0, rows(TARGET));
        assertEquals(0, rows(LoadLedger.ledgerOf(TARGET)));
    }

    @Test
    void commitRefusesOnceTheLoaderHasAbandonedItsLoads() throws Exception {
        LoadSession session = session(1000);
        Exchange exchange = fetched("incoming/a.csv", "etag-1");
        LoadContext load = begunWithRows(session, exchange, row("t1", "600.00"));
        inFlight.abandon();

        assertThrows(IllegalStateException.class, () -> session.commit(load));
        session.end(exchange);

        assertFalse(load.isCommitted());
        assertEquals(0, openTransactions());
        assertEquals(0, rows(TARGET));
    }

    @Test
    void rejectedRowsUpToTheLimitAreToleratedAndOneMoreFailsTheFile() throws Exception {
        Exchange exchange = fetched("incoming/a.csv", "etag-1");
        session(2).begin(exchange);
        LoadContext load = exchange.getProperty(ExchangeProperties.LOAD_CONTEXT, LoadContext.class);

        load.countParsed(new ParsedChunk(1, 3, List.<Object[]>of(row("t1", "600.00")), List.of(rejected(2), rejected(3))));
        assertEquals(2, load.rowsRejected());
        UnloadableFileException tooMany = assertThrows(UnloadableFileException.class,
                () -> load.countParsed(new ParsedChunk(2, 1, List.of(), List.of(rejected(4)))));

        assertEquals("More than 2 rows were rejected (MAX_REJECTED_ROWS); see the rejects report.", tooMany.getMessage());
        load.close();
    }

    @Test
    void theRejectsReportIsDeletedWhenTheExchangeIsDone() throws Exception {
        Exchange exchange = fetched("incoming/a.csv", "etag-1");
        session(1000).begin(exchange);
        LoadContext load = exchange.getProperty(ExchangeProperties.LOAD_CONTEXT, LoadContext.class);
        load.countParsed(new ParsedChunk(1, 1, List.of(), List.of(rejected(2))));
        File report = load.rejectsFile();
        assertTrue(report.exists());

        for (Synchronization completion : exchange.getExchangeExtension().handoverCompletions()) {
            completion.onComplete(exchange);
        }

        assertFalse(report.exists());
    }

    private LoadSession session(long maxRejectedRows) {
        return new LoadSession(ledger, loads, BUCKET, maxRejectedRows, inFlight);
    }

    /** The exchange as the aws2-s3 getObject operation leaves it. */
    private static Exchange fetched(String key, String etag) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader("CamelAwsS3Key", key);
        exchange.getMessage().setHeader("CamelAwsS3ETag", etag);
        exchange.getMessage().setBody(new ObjectBody());
        return exchange;
    }

    /** Begins the load and writes its rows as the route's chunks would, all of them kept by the filter. */
    private static LoadContext begunWithRows(LoadSession session, Exchange exchange, Object[]... rows) throws SQLException {
        session.begin(exchange);
        LoadContext load = exchange.getProperty(ExchangeProperties.LOAD_CONTEXT, LoadContext.class);
        assertNotNull(load);
        load.columns(FileColumns.of(HEADER, schema));
        ParsedChunk chunk = new ParsedChunk(1, rows.length, List.of(rows), List.of());
        load.countParsed(chunk);
        new ChunkWriter(loads).write(chunk, load);
        return load;
    }

    private static Object[] row(String id, String amount) {
        return new Object[] {id, new BigDecimal(amount)};
    }

    private static RejectedRow rejected(long line) {
        return new RejectedRow(line, "amount is not a number", new String[] {"t" + line, "abc"});
    }

    private static long rows(TableName table) {
        return count("SELECT count(*) FROM " + table);
    }

    /** Cuts the load's connection as a database restart would, and waits until its server process has gone. */
    private static void dropOtherConnections() {
        List<List<Object>> terminated = warehouse.query("SELECT pg_terminate_backend(pid, 60000) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
        assertFalse(terminated.isEmpty(), "the load holds a connection");
        assertTrue(terminated.stream().allMatch(row -> Boolean.TRUE.equals(row.get(0))), terminated.toString());
    }

    /** Transactions still open on other connections than the one asking. */
    private static long openTransactions() {
        return count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                + " AND xact_start IS NOT NULL");
    }

    private static long count(String query) {
        return ((Number) warehouse.query(query).get(0).get(0)).longValue();
    }

    /** An object's content that remembers being released. */
    private static final class ObjectBody extends ByteArrayInputStream {
        volatile boolean closed;

        ObjectBody() {
            super(new byte[0]);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
