package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.it.TestStack;
import io.s3redshiftloader.local.LocalWarehouse;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the bulk path writes into the COPY stream reads back in PostgreSQL as exactly the values parsed. */
class PostgresCopyIT {
    private static final List<Column> COLUMNS = List.of(
            new Column("label", ColumnKind.TEXT, "character varying", 64, 0, 0, true),
            new Column("amount", ColumnKind.DECIMAL, "numeric", 0, 18, 2, true),
            new Column("count", ColumnKind.INTEGER, "bigint", 0, 64, 0, true),
            new Column("ratio", ColumnKind.FLOAT, "double precision", 0, 53, 0, true),
            new Column("flag", ColumnKind.BOOLEAN, "boolean", 0, 0, 0, true),
            new Column("day", ColumnKind.DATE, "date", 0, 0, 0, true),
            new Column("at", ColumnKind.TIMESTAMP, "timestamp without time zone", 0, 0, 0, true),
            new Column("at_zone", ColumnKind.TIMESTAMP_WITH_ZONE, "timestamp with time zone", 0, 0, 0, true));

    @Test
    void everyKindOfValueReadsBackExactly() throws Exception {
        LocalWarehouse warehouse = TestStack.warehouse();
        warehouse.execute("DROP TABLE IF EXISTS public.copy_kinds");
        warehouse.execute("CREATE TABLE public.copy_kinds (label VARCHAR(64), amount NUMERIC(18,2), count BIGINT, ratio DOUBLE PRECISION,"
                + " flag BOOLEAN, day DATE, at TIMESTAMP, at_zone TIMESTAMPTZ, loader_load_id VARCHAR(36), loader_chunk INTEGER, loader_staged_at TIMESTAMP)");
        List<Object[]> rows = List.of(
                new Object[] {"plain café ☕", new BigDecimal("500.01"), 7L, 0.1, true, LocalDate.of(2024, 2, 29),
                    LocalDateTime.of(2024, 3, 1, 9, 5, 7), OffsetDateTime.of(2024, 3, 1, 9, 5, 7, 0, ZoneOffset.UTC)},
                new Object[] {"say \"hi\", then\nleave", new BigDecimal("-0.50"), -9_007_199_254_740_993L, 1e-300, false, LocalDate.of(1, 1, 1),
                    LocalDateTime.of(2024, 12, 31, 23, 59, 59, 123_456_000), OffsetDateTime.of(1999, 1, 1, 0, 0, 0, 500_000_000, ZoneOffset.UTC)},
                new Object[] {"", new BigDecimal("1E+3"), 0L, -2.5, true, LocalDate.of(9999, 12, 31),
                    LocalDateTime.of(999, 1, 2, 3, 4, 5, 6_000), null},
                new Object[] {null, null, null, null, null, null, null, null});

        try (Connection connection = warehouse.connect()) {
            String sql = "COPY public.copy_kinds (label, amount, count, ratio, flag, day, at, at_zone, loader_load_id, loader_chunk, loader_staged_at) FROM STDIN WITH (FORMAT csv)";
            assertEquals(4, PostgresCopy.copy(connection, sql, COLUMNS, rows, "load-1", 3, LocalDateTime.of(2026, 11, 25, 10, 0)));
        }

        List<List<Object>> read = warehouse.query("SELECT label, amount::text, count, ratio, flag, day::text, at::text,"
                + " (at_zone AT TIME ZONE 'UTC')::text, loader_load_id, loader_chunk, loader_staged_at::text FROM public.copy_kinds ORDER BY label NULLS LAST");
        List<List<Object>> expected = List.of(
                Arrays.asList("", "1000.00", 0L, -2.5, true, "9999-12-31", "0999-01-02 03:04:05.000006", null, "load-1", 3, null),
                Arrays.asList("plain café ☕", "500.01", 7L, 0.1, true, "2024-02-29", "2024-03-01 09:05:07", "2024-03-01 09:05:07", "load-1", 3, "2026-11-25 10:00:00"),
                Arrays.asList("say \"hi\", then\nleave", "-0.50", -9_007_199_254_740_993L, 1e-300, false, "0001-01-01",
                        "2024-12-31 23:59:59.123456", "1999-01-01 00:00:00.5", "load-1", 3, null),
                Arrays.asList(null, null, null, null, null, null, null, null, "load-1", 3, null));
        assertEquals(expected, read);
        warehouse.execute("DROP TABLE public.copy_kinds");
    }
}
