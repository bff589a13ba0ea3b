package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.schema.Column;
import io.s3redshiftloader.schema.ColumnDefault;
import io.s3redshiftloader.schema.ColumnKind;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyCsvTest {
    private static final List<Column> AMOUNT = List.of(new Column("amount", ColumnKind.DECIMAL, "numeric", 0, 0, 0, true, ColumnDefault.NONE));

    @Test
    void decimalsAreWrittenInPlainNotationExactly() throws Exception {
        List<String> values = List.of("0", "7", "-7", "500.01", "-0.50", "0.05", "0.000001", "123456789012345678", "-12345678.1234567890",
                "1234567890123456789.5", "1E+3", "1E-25", "-9.99999999999999999999");
        List<Object[]> rows = new ArrayList<>();
        values.forEach(value -> rows.add(new Object[] {new BigDecimal(value)}));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new CopyCsv(out, AMOUNT).write(rows);

        List<String> written = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(values.stream().map(value -> new BigDecimal(value).toPlainString()).toList(), written);
        assertEquals("1000", written.get(10));
        assertEquals("0.0000000000000000000000001", written.get(11));
    }

    @Test
    void nullIsAnUnquotedEmptyFieldAndTextIsQuotedOnlyWhereCsvNeedsIt() throws Exception {
        List<Column> columns = List.of(new Column("merchant", ColumnKind.TEXT, "character varying", 0, 0, 0, true, ColumnDefault.NONE),
                new Column("amount", ColumnKind.DECIMAL, "numeric", 0, 18, 2, true, ColumnDefault.NONE));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new CopyCsv(out, columns).write(List.of(new Object[] {"", BigDecimal.ONE}, new Object[] {null, null},
                new Object[] {"say \"hi\",\nbye", new BigDecimal("2.50")}, new Object[] {"Z Energy", null}, new Object[] {"caf\u00e9", null},
                new Object[] {"\\.", null}, new Object[] {"a\rb", null}, new Object[] {"\u00e9,", null}));

        assertEquals("\"\",1\n,\n\"say \"\"hi\"\",\nbye\",2.50\nZ Energy,\ncaf\u00e9,\n\"\\.\",\n\"a\rb\",\n\"\u00e9,\",\n", out.toString(StandardCharsets.UTF_8));
    }
}
