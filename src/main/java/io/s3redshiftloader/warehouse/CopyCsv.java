package io.s3redshiftloader.warehouse;

import io.s3redshiftloader.schema.Column;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Rows as CSV, the text both bulk paths load: PostgreSQL's {@code COPY … FROM STDIN (FORMAT csv)} and Redshift's
 * {@code COPY … CSV GZIP EMPTYASNULL} from S3. NULL is an unquoted empty field; a text is quoted only when it must
 * be (empty, so that it stays empty, or holding a comma, quote, line break or backslash), which leaves fewer bytes for
 * the database to read; timestamps are {@code YYYY-MM-DD HH:MI:SS[.ffffff]}, with {@code +00} after a UTC time with zone,
 * forms both databases read exactly. The text is built as UTF-8 bytes in blocks: going through a Writer cost a copy
 * and an encoding pass per character.
 */
final class CopyCsv {
    private static final int BLOCK_BYTES = 32 * 1024;

    private final OutputStream out;
    private final List<Column> columns;
    private byte[] block = new byte[BLOCK_BYTES + 1024];
    private int length;

    CopyCsv(OutputStream out, List<Column> columns) {
        this.out = out;
        this.columns = columns;
    }

    void write(List<Object[]> rows) throws IOException {
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    put((byte) ',');
                }
                value(columns.get(i), row[i]);
            }
            put((byte) '\n');
            if (length >= BLOCK_BYTES) {
                flush();
            }
        }
        flush();
    }

    private void flush() throws IOException {
        out.write(block, 0, length);
        length = 0;
    }

    private void value(Column column, Object value) {
        if (value == null) {
            return;
        }
        switch (column.kind()) {
            case TEXT -> text((String) value);
            case DECIMAL -> decimal((BigDecimal) value);
            case TIMESTAMP -> timestamp((LocalDateTime) value);
            case TIMESTAMP_WITH_ZONE -> {
                timestamp(((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
                ascii("+00");
            }
            // 2024-03-01, and Java's number and boolean texts, read back as they are.
            default -> ascii(value.toString());
        }
    }

    /**
     * As it is, or quoted with each quote doubled where CSV needs it. ASCII text (nearly all) is copied without encoding
     * it first. A backslash is quoted because PostgreSQL reads an unquoted {@code \.} line as the end of the data.
     */
    private void text(String value) {
        int start = length;
        ensure(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                length = start;
                utf8Text(value);
                return;
            }
            if (c == ',' || c == '"' || c == '\n' || c == '\r' || c == '\\') {
                length = start;
                quoted(value.getBytes(StandardCharsets.US_ASCII));
                return;
            }
            block[length++] = (byte) c;
        }
        if (length == start) {
            quoted(new byte[0]);
        }
    }

    /** As {@link #text}; none of the bytes CSV treats specially occurs inside a multi-byte UTF-8 character. */
    private void utf8Text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            if (b == ',' || b == '"' || b == '\n' || b == '\r' || b == '\\') {
                quoted(utf8);
                return;
            }
        }
        ensure(utf8.length);
        System.arraycopy(utf8, 0, block, length, utf8.length);
        length += utf8.length;
    }

    private void quoted(byte[] utf8) {
        ensure(2 * utf8.length + 2);
        block[length++] = '"';
        for (byte b : utf8) {
            if (b == '"') {
                block[length++] = '"';
            }
            block[length++] = b;
        }
        block[length++] = '"';
    }

    /** Plain notation (never 1E+3); digit by digit when the unscaled value fits a long, as nearly every amount does. */
    private void decimal(BigDecimal value) {
        int scale = value.scale();
        if (scale < 0 || scale > 18 || value.precision() > 18) {
            ascii(value.toPlainString());
            return;
        }
        long unscaled = value.unscaledValue().longValue();
        if (unscaled < 0) {
            put((byte) '-');
            unscaled = -unscaled;
        }
        long divisor = 1;
        for (int i = 0; i < scale; i++) {
            divisor *= 10;
        }
        number(unscaled / divisor, 1);
        if (scale > 0) {
            put((byte) '.');
            number(unscaled % divisor, scale);
        }
    }

    /** A non-negative number's decimal digits, zero-padded to at least {@code minDigits}. */
    private void number(long value, int minDigits) {
        int count = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            count++;
        }
        count = Math.max(count, minDigits);
        ensure(count);
        for (int i = count - 1; i >= 0; i--) {
            block[length + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += count;
    }

    /** Digit by digit: LocalDateTime.toString was one of the loader's hottest spots. */
    private void timestamp(LocalDateTime value) {
        int year = value.getYear();
        if (year < 1000 || year > 9999) {
            ascii(value.toLocalDate().toString());
        } else {
            number(year, 4);
            digits('-', value.getMonthValue());
            digits('-', value.getDayOfMonth());
        }
        digits(' ', value.getHour());
        digits(':', value.getMinute());
        digits(':', value.getSecond());
        int nanos = value.getNano();
        if (nanos >= 1000) {
            put((byte) '.');
            // Microseconds at most (what both databases keep), without trailing zeros: .25, .000006.
            number(nanos / 1000, 6);
            while (block[length - 1] == '0') {
                length--;
            }
        }
    }

    private void digits(char separator, int twoDigits) {
        ensure(3);
        block[length++] = (byte) separator;
        block[length++] = (byte) ('0' + twoDigits / 10);
        block[length++] = (byte) ('0' + twoDigits % 10);
    }

    /** Text known to be ASCII: numbers, dates, booleans. */
    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            block[length++] = (byte) text.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        block[length++] = b;
    }

    /** A single text may be longer than a block (up to a 4 MB record). */
    private void ensure(int more) {
        if (length + more > block.length) {
            block = Arrays.copyOf(block, Math.max(block.length * 2, length + more));
        }
    }
}
