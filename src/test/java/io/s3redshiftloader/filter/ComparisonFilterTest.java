package io.s3redshiftloader.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.csv.FileColumns;
import io.s3redshiftloader.csv.TestSchemas;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path keeps exactly the rows Camel Simple keeps, for every filter it takes on. */
class ComparisonFilterTest {
    private static final FileColumns COLUMNS = FileColumns.of(new String[] {"transaction_id", "amount", "currency"}, TestSchemas.transactions());
    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${body[amount]} > 500", "${body[amount]} >= 500", "${body[amount]} < 500", "${body[amount]} <= 500",
            "${body[amount]} == 500", "${body[amount]} != 500", "${body[amount]} > 500.005", "${body[amount]} >= -0.5",
            "${body[AMOUNT]} > 1000", "${body[currency]} == 'NZD'", "${body[currency]} != 'NZD'", "${body[currency]} == null",
            "${body[currency]} != null", "${body[merchant]} == null", "${body[amount]} > 500 && ${body[currency]} == 'NZD'",
            "${body[amount]} >= 100 && ${body[amount]} <= 1000", "${body[amount]} < 0 || ${body[amount]} > 1000",
            "${body[merchant]} != null || ${body[amount]} == 500.00"})
    void keepsTheSameRowsAsSimple(String filter) {
        assertTrue(ComparisonFilter.parse(filter, COLUMNS).isPresent(), filter + " takes the fast path");
        assertEquals(kept(new RowMatcher(false), filter), kept(new RowMatcher(true), filter), filter);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${body[amount]} > 500 && ${body[currency]} == 'NZD' || ${body[amount]} > 9000", "${body[currency]} > 'A'",
            "${body[currency]} == 500", "${body[amount]} == 'x'", "${body[currency]} in 'NZD,AUD'", "${body[amount]} > 500 and true",
            "${header.amount} > 500", "${body[currency]} == 'A&&B'"})
    void leavesEveryOtherFilterToSimple(String filter) {
        assertTrue(ComparisonFilter.parse(filter, COLUMNS).isEmpty(), filter);
    }

    @Test
    void theRowsKeptAreTheOnesExpected() {
        assertEquals(List.of("T2", "T5"), kept(new RowMatcher(true), "${body[amount]} > 500"));
    }

    private List<String> kept(RowMatcher matcher, String text) {
        String[][] values = {{"500", "NZD"}, {"500.00", "AUD"}, {"500.01", "NZD"}, {"499.99", null}, {"-1", "NZD"},
                {"1000.50", null}, {"0", "EUR"}};
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(new Object[] {"T" + i, new BigDecimal(values[i][0]), values[i][1]});
        }
        return matcher.matching(rows, COLUMNS, text, context).stream().map(row -> (String) row[0]).toList();
    }
}
