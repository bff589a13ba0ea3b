package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.it.TestStack;
import io.s3redshiftloader.local.LocalWarehouse;
import io.s3redshiftloader.schema.Column;
import io.s3redshiftloader.schema.ColumnDefault;
import io.s3redshiftloader.schema.ColumnKind;
import io.s3redshiftloader.schema.TableName;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL's way in: rows streamed through one COPY into the table read back exactly as parsed, visible only once
 * committed with their ledger entry; the same object a second time is found in the ledger and rolled back.
 */
class PostgresCopyLoadIT {
    private static final List<Column> COLUMNS = List.of(
            new Column("label", ColumnKind.TEXT, "character varying", 64, 0, 0, true, ColumnDefault.NONE),
            new Column("amount", ColumnKind.DECIMAL, "numeric", 0, 18, 2, true, ColumnDefault.NONE),
            new Column("count", ColumnKind.INTEGER, "bigint", 0, 64, 0, true, ColumnDefault.NONE),
            new Column("ratio", ColumnKind.FLOAT, "double precision", 0, 53, 0, true, ColumnDefault.NONE),
            new Column("flag", ColumnKind.BOOLEAN, "boolean", 0, 0, 0, true, ColumnDefault.NONE),
            new Column("day", ColumnKind.DATE, "date", 0, 0, 0, true, ColumnDefault.NONE),
            new Column("at", ColumnKind.TIMESTAMP, "timestamp without time zone", 0, 0, 0, true, ColumnDefault.NONE),
            new Column("at_zone", ColumnKind.TIMESTAMP_WITH_ZONE, "timestamp with time zone", 0, 0, 0, true, ColumnDefault.NONE));
    private static final TableName TARGET = TableName.parse("copy_load.kinds");

    @Test
    void everyKindOfValueReadsBackExactlyOnceCommittedWithItsLedgerEntry() throws Exception {
        LocalWarehouse warehouse = TestStack.warehouse();
        warehouse.execute("DROP SCHEMA IF EXISTS copy_load CASCADE");
        warehouse.execute("CREATE SCHEMA copy_load");
        warehouse.execute("CREATE TABLE copy_load.kinds (label VARCHAR(64), amount NUMERIC(18,2), count BIGINT, ratio DOUBLE PRECISION,"
                + " flag BOOLEAN, day DATE, at TIMESTAMP, at_zone TIMESTAMPTZ)");
        Dialect dialect = Dialect.forJdbcUrl(warehouse.jdbcUrl());
        warehouse.execute(dialect.createLedger(LoadLedger.ledgerOf(TARGET)));
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(warehouse.jdbcUrl());
        dataSource.setUser(warehouse.user());
        TableLoads loads = new TableLoads(dataSource, dialect, new LoadLedger(dataSource, dialect, TARGET), TARGET);
        LedgerEntry entry = new LedgerEntry("bucket", "incoming/kinds.csv", "etag-1", "load-1");

        TableLoad load = loads.open(entry, COLUMNS);
        load.write(List.of(
                new Object[] {"plain café ☕", new BigDecimal("500.01"), 7L, 0.1, true, LocalDate.of(2024, 2, 29),
                    LocalDateTime.of(2024, 3, 1, 9, 5, 7), OffsetDateTime.of(2024, 3, 1, 9, 5, 7, 0, ZoneOffset.UTC)},
                new Object[] {"say \"hi\", then\nleave", new BigDecimal("-0.50"), -9_007_199_254_740_993L, 1e-300, false, LocalDate.of(1, 1, 1),
                    LocalDateTime.of(2024, 12, 31, 23, 59, 59, 123_456_000), OffsetDateTime.of(1999, 1, 1, 0, 0, 0, 500_000_000, ZoneOffset.UTC)}));
        load.write(List.of(
                new Object[] {"", new BigDecimal("1E+3"), 0L, -2.5, true, LocalDate.of(9999, 12, 31),
                    LocalDateTime.of(999, 1, 2, 3, 4, 5, 6_000), null},
                new Object[] {null, null, null, null, null, null, null, null}));
        assertEquals(0, count("copy_load.kinds"), "nothing is visible before the commit");
        assertEquals(Optional.empty(), load.commit());
        load.close();

        List<List<Object>> read = warehouse.query("SELECT label, amount::text, count, ratio, flag, day::text, at::text,"
                + " (at_zone AT TIME ZONE 'UTC')::text FROM copy_load.kinds ORDER BY label NULLS LAST");
        assertEquals(List.of(
                Arrays.asList("", "1000.00", 0L, -2.5, true, "9999-12-31", "0999-01-02 03:04:05.000006", null),
                Arrays.asList("plain café ☕", "500.01", 7L, 0.1, true, "2024-02-29", "2024-03-01 09:05:07", "2024-03-01 09:05:07"),
                Arrays.asList("say \"hi\", then\nleave", "-0.50", -9_007_199_254_740_993L, 1e-300, false, "0001-01-01",
                        "2024-12-31 23:59:59.123456", "1999-01-01 00:00:00.5"),
                Arrays.asList(null, null, null, null, null, null, null, null)), read);
        assertEquals(List.of(List.of("incoming/kinds.csv", "load-1", 4L)),
                warehouse.query("SELECT object_key, load_id, rows_loaded FROM copy_load.loader_ledger"));

        TableLoad again = loads.open(new LedgerEntry("bucket", "incoming/kinds.csv", "etag-1", "load-2"), COLUMNS);
        again.write(List.<Object[]>of(new Object[] {"twice", null, null, null, null, null, null, null}));
        assertEquals(Optional.of("load-1"), again.commit(), "the ledger already holds the object");
        again.close();
        TableLoad abandoned = loads.open(new LedgerEntry("bucket", "incoming/other.csv", "etag-9", "load-3"), COLUMNS);
        abandoned.write(List.<Object[]>of(new Object[] {"abandoned", null, null, null, null, null, null, null}));
        abandoned.close();
        abandoned.write(List.<Object[]>of(new Object[] {"after the end", null, null, null, null, null, null, null}));

        assertEquals(4, count("copy_load.kinds"), "neither the second load nor the abandoned one left a row");
        assertEquals(1, count("copy_load.loader_ledger"));
        warehouse.execute("DROP SCHEMA copy_load CASCADE");
    }

    /** A one-column row of {@code \.} alone would end PostgreSQL's CSV data if it were not quoted. */
    @Test
    void textsQuotedOnlyWhereCsvNeedsItReadBackAsWritten() throws Exception {
        LocalWarehouse warehouse = TestStack.warehouse();
        TableName target = TableName.parse("copy_texts.labels");
        warehouse.execute("DROP SCHEMA IF EXISTS copy_texts CASCADE");
        warehouse.execute("CREATE SCHEMA copy_texts");
        warehouse.execute("CREATE TABLE copy_texts.labels (label VARCHAR(64))");
        Dialect dialect = Dialect.forJdbcUrl(warehouse.jdbcUrl());
        warehouse.execute(dialect.createLedger(LoadLedger.ledgerOf(target)));
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(warehouse.jdbcUrl());
        dataSource.setUser(warehouse.user());
        List<String> labels = List.of("\\.", "back\\slash", " padded ", "tab\there", "\"", "NULL", "\u00e9,", "a\rb", "", "Z Energy", "after");
        TableLoad load = new TableLoads(dataSource, dialect, new LoadLedger(dataSource, dialect, target), target)
                .open(new LedgerEntry("bucket", "incoming/labels.csv", "etag-1", "load-1"), COLUMNS.subList(0, 1));
        load.write(labels.stream().map(label -> new Object[] {label}).toList());
        assertEquals(Optional.empty(), load.commit());
        load.close();

        assertEquals(labels.stream().sorted().toList(),
                warehouse.query("SELECT label FROM copy_texts.labels").stream().map(row -> (String) row.get(0)).sorted().toList());
        warehouse.execute("DROP SCHEMA copy_texts CASCADE");
    }

    private static long count(String table) {
        return ((Number) TestStack.warehouse().query("SELECT count(*) FROM " + table).get(0).get(0)).longValue();
    }
}
