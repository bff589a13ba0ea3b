package io.s3redshiftloader.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3redshiftloader.schema.Column;
import io.s3redshiftloader.schema.ColumnDefault;
import io.s3redshiftloader.schema.ColumnKind;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueParserTest {
    private static final Column UNBOUNDED = new Column("amount", ColumnKind.DECIMAL, "numeric", 0, 0, 0, true, ColumnDefault.NONE);

    @Test
    void plainDecimalsReadAsTheBigDecimalConstructorReadsThem() throws Exception {
        ValueParser parser = new ValueParser(TestSchemas.POSTGRESQL);
        for (String text : List.of("0", "-0.00", "007.50", "500.01", "-12.5", "999999999999999999", "-0.000000000000000001",
                "1234567890123456789", "12345678901234567.89", "-98765432109876543210.123")) {
            BigDecimal expected = new BigDecimal(text);
            BigDecimal parsed = (BigDecimal) parser.parse(UNBOUNDED, text);
            assertEquals(expected, parsed, text);
            assertEquals(expected.precision(), parsed.precision(), text);
        }
    }

    @Test
    void redshiftRejectsAMultiByteCharacterInACharColumnNamingTheColumn() throws Exception {
        Column currency = new Column("currency", ColumnKind.TEXT, "character", 3, 0, 0, true, ColumnDefault.NONE);
        ValueParser redshift = new ValueParser(TestSchemas.REDSHIFT);
        assertEquals("currency contains a multi-byte character; a CHAR column takes single-byte characters only",
                assertThrows(ValueParser.RejectedValueException.class, () -> redshift.parse(currency, "€")).getMessage());
        assertEquals("NZD", redshift.parse(currency, "NZD"));
        assertEquals("€", new ValueParser(TestSchemas.POSTGRESQL).parse(currency, "€"));
        Column merchant = new Column("merchant", ColumnKind.TEXT, "character varying", 256, 0, 0, true, ColumnDefault.NONE);
        assertEquals("Café München", redshift.parse(merchant, "Café München"), "VARCHAR takes multi-byte UTF-8");
    }
}
