package io.s3redshiftloader.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowParserTest {
    private static final String[] HEADER = {"Amount ", "TRANSACTION_ID", "transaction_ts", "ignored_extra", "currency"};
    private final FileColumns columns = FileColumns.of(HEADER, TestSchemas.transactions());
    private final RowParser parser = new RowParser(new ValueParser(TestSchemas.REDSHIFT));

    private ParsedChunk parse(String[]... records) {
        List<CsvRecord> list = new java.util.ArrayList<>();
        for (int i = 0; i < records.length; i++) {
            list.add(new CsvRecord(i + 2, records[i]));
        }
        return parser.parse(new CsvChunk(0, list), columns);
    }

    @Test
    void headerMatchesColumnsByTrimmedCaseInsensitiveNameInAnyOrder() {
        assertEquals(List.of("amount", "transaction_id", "transaction_ts", "currency"), columns.names());
    }

    @Test
    void headerWithoutARequiredColumnFailsTheFile() {
        assertEquals("The header lacks the required column amount of table public.transactions.", assertThrows(UnloadableFileException.class,
                () -> FileColumns.of(new String[] {"transaction_id", "currency"}, TestSchemas.transactions())).getMessage());
        assertEquals("The header lacks the required columns transaction_id, amount of table public.transactions.",
                assertThrows(UnloadableFileException.class, () -> FileColumns.of(new String[] {"id", "total"}, TestSchemas.transactions())).getMessage());
    }

    @Test
    void validRowBecomesTypedValuesWithTimestampsInUtc() {
        ParsedChunk parsed = parse(new String[] {"500.01", "T1", "2024-03-01T10:00:00+13:00", "x", "NZD"},
                new String[] {"7", "T2", "", "x", ""},
                new String[] {"8", "T3", "2024-03-01", "x", ""},
                new String[] {"9", "T4", "2024-03-01 10:00:00.5", "x", ""});
        assertEquals(4, parsed.rows().size());
        Object[] first = parsed.rows().get(0);
        assertEquals(new BigDecimal("500.01"), first[0]);
        assertEquals(LocalDateTime.of(2024, 2, 29, 21, 0), first[2]);
        assertNull(parsed.rows().get(1)[2]);
        assertNull(parsed.rows().get(1)[3]);
        assertEquals(LocalDateTime.of(2024, 3, 1, 0, 0), parsed.rows().get(2)[2], "a date alone is midnight");
        assertEquals(LocalDateTime.of(2024, 3, 1, 10, 0, 0, 500_000_000), parsed.rows().get(3)[2]);
    }

    @Test
    void badRowsAreRejectedWithLineAndReason() {
        ParsedChunk parsed = parse(
                new String[] {"12,50", "T1", "", "x", "NZD"},
                new String[] {"abc", "T2", "", "x", "NZD"},
                new String[] {"", "T3", "", "x", "NZD"},
                new String[] {"1", "", "", "x", "NZD"},
                new String[] {"1", "T5", "2024-03-01T", "x", "NZD"},
                new String[] {"1", "T6"},
                new String[] {"1", "T7", "", "x", "NZD", "extra"},
                new String[] {"1", "T8", "", "x", "NZDX"},
                new String[] {"1.234", "T9", "", "x", "NZD"},
                new String[] {"1", "T10", "2024-03-01 10:00:00Z", "x", "NZD"});
        assertEquals(1, parsed.rows().size());
        assertEquals(9, parsed.rejected().size());
        List<String> reasons = parsed.rejected().stream().map(r -> r.line() + ": " + r.reason()).toList();
        assertEquals(List.of(
                "2: amount '12,50' is not a plain decimal number",
                "3: amount 'abc' is not a plain decimal number",
                "4: amount is empty but required",
                "5: transaction_id is empty but required",
                "6: transaction_ts '2024-03-01T' is not an ISO-8601 timestamp",
                "7: 2 fields where the header has 5",
                "8: 6 fields where the header has 5",
                "9: currency is longer than 3 bytes",
                "10: amount 1.234 has more than 2 decimal places"), reasons);
    }

    @Test
    void impossibleDatesAreRejectedNotRolledToAnotherDay() {
        ParsedChunk parsed = parse(new String[] {"1", "T1", "2024-02-30", "x", ""},
                new String[] {"1", "T2", "2023-02-29T10:00:00Z", "x", ""},
                new String[] {"1", "T3", "2024-01-01T24:00", "x", ""},
                new String[] {"1", "T4", "2024-04-31 00:00:00", "x", ""},
                new String[] {"1", "T5", "2024-02-29T23:59:59Z", "x", ""});
        assertEquals(List.of(
                "2: transaction_ts '2024-02-30' is not an ISO-8601 timestamp",
                "3: transaction_ts '2023-02-29T10:00:00Z' is not an ISO-8601 timestamp",
                "4: transaction_ts '2024-01-01T24:00' is not an ISO-8601 timestamp",
                "5: transaction_ts '2024-04-31 00:00:00' is not an ISO-8601 timestamp"),
                parsed.rejected().stream().map(r -> r.line() + ": " + r.reason()).toList());
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 59), parsed.rows().get(0)[2]);
    }

    @Test
    void textLongerThanItsColumnIsRejectedNamingTheColumnAndItsLimit() {
        FileColumns withMerchant = FileColumns.of(new String[] {"transaction_id", "amount", "merchant"}, TestSchemas.transactions());
        CsvChunk chunk = new CsvChunk(0, List.of(new CsvRecord(2, new String[] {"T1", "1", "m".repeat(257)}),
                new CsvRecord(3, new String[] {"T2", "1", "m".repeat(256)})));
        ParsedChunk redshift = parser.parse(chunk, withMerchant);
        assertEquals(List.of("2: merchant is longer than 256 bytes"),
                redshift.rejected().stream().map(r -> r.line() + ": " + r.reason()).toList());
        assertEquals(1, redshift.rows().size());
        ParsedChunk postgres = new RowParser(new ValueParser(TestSchemas.POSTGRESQL)).parse(chunk, withMerchant);
        assertEquals("merchant is longer than 256 characters", postgres.rejected().get(0).reason());
    }

    @Test
    void redshiftCountsVarcharBytesWherePostgresqlCountsCharacters() {
        String[] record = {"1", "€".repeat(22), "", "x", "NZD"};
        assertEquals(List.of("2: transaction_id is longer than 64 bytes"), reasons(parse(record)), "66 bytes in 22 characters");
        RowParser postgres = new RowParser(new ValueParser(TestSchemas.POSTGRESQL));
        assertEquals(1, postgres.parse(new CsvChunk(0, List.of(new CsvRecord(2, record))), columns).rows().size());
    }

    @Test
    void aMultiByteCharacterInACharColumnRejectsOnlyItsRowOnRedshift() {
        ParsedChunk redshift = parse(new String[] {"1", "T1", "", "x", "€"}, new String[] {"2", "T2", "", "x", "NZD"});
        assertEquals(List.of("2: currency contains a multi-byte character; a CHAR column takes single-byte characters only"),
                reasons(redshift));
        assertEquals(1, redshift.rows().size());
        RowParser postgres = new RowParser(new ValueParser(TestSchemas.POSTGRESQL));
        assertEquals(1, postgres.parse(new CsvChunk(0, List.of(new CsvRecord(2, new String[] {"1", "T1", "", "x", "€"}))), columns)
                .rows().size(), "PostgreSQL's CHAR takes any character");
    }

    private static List<String> reasons(ParsedChunk parsed) {
        return parsed.rejected().stream().map(r -> r.line() + ": " + r.reason()).toList();
    }
}
