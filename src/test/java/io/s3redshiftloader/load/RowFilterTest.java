package io.s3redshiftloader.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3redshiftloader.csv.FileColumns;
import io.s3redshiftloader.csv.ParsedChunk;
import io.s3redshiftloader.csv.TestSchemas;
import io.s3redshiftloader.csv.UnloadableFileException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RowFilterTest {
    private final CamelContext context = new DefaultCamelContext();
    private final FileColumns columns = FileColumns.of(new String[] {"transaction_id", "amount", "currency"}, TestSchemas.transactions());

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    private List<String> kept(String filter, String... amounts) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            rows.add(new Object[] {"T" + i, new BigDecimal(amounts[i]), "NZD"});
        }
        LoadContext load = new LoadContext("b", "k.csv", "e", 0);
        load.columns(columns);
        ParsedChunk kept = new RowFilter().keep(new ParsedChunk(0, rows.size(), rows, List.of()), load, filter, context);
        assertEquals(rows.size() - kept.rows().size(), load.rowsFiltered());
        return kept.rows().stream().map(row -> ((BigDecimal) row[1]).toPlainString()).toList();
    }

    @Test
    void decimalsCompareExactlyWithIntegerAndDecimalLiterals() {
        assertEquals(List.of("500.01"), kept("${body[amount]} > 500", "500.00", "500.01", "499.99"));
        assertEquals(List.of("500.50", "501"), kept("${body[amount]} >= 500.5", "500.00", "500.50", "501"));
        assertEquals(List.of("500.00", "500"), kept("${body[amount]} == 500", "500.00", "500", "500.01"));
        assertEquals(List.of("-1"), kept("${body[amount]} < 0", "0", "-1"));
    }

    @Test
    void columnNamesAreCaseInsensitiveAndAbsentColumnsAreNull() {
        assertEquals(List.of("1"), kept("${body[AMOUNT]} == 1 && ${body[merchant]} == null", "1", "2"));
    }

    @Test
    void noFilterKeepsEveryRow() {
        assertEquals(List.of("1", "2"), kept(null, "1", "2"));
    }

    @Test
    void aFilterThatCannotBeEvaluatedFailsTheFileWithItsText() {
        UnloadableFileException e = assertThrows(UnloadableFileException.class, () -> kept("${body[amount]} >", "1"));
        assertEquals(true, e.getMessage().contains("${body[amount]} >"), e.getMessage());
    }
}
