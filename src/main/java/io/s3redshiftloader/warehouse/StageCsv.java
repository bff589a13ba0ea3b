package io.s3redshiftloader.warehouse;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Staged rows as CSV, the text both bulk paths load: PostgreSQL's {@code COPY … FROM STDIN (FORMAT csv)} and Redshift's
 * {@code COPY … CSV GZIP EMPTYASNULL} from S3. Each row ends with the load id and chunk number that tag it in the stage;
 * the chunk's first row also carries the staging time (see {@link WarehouseSql#STAGED_AT_COLUMN}).
 * NULL is an unquoted empty field and every text is quoted, so an empty text stays empty; timestamps are
 * {@code YYYY-MM-DD HH:MI:SS[.ffffff]}, with {@code +00} after a UTC time with zone, forms both databases read exactly.
 */
final class StageCsv {
    /** Rows are built here and handed to the writer in blocks: a Writer call per character is slow. */
    private static final int BLOCK_CHARS = 32 * 1024;

    private final Writer out;
    private final List<Column> columns;
    private final String firstRowTags;
    private final String otherRowTags;
    private final StringBuilder csv = new StringBuilder(BLOCK_CHARS + 1024);

    /**
     * @param stagedAt when the chunk was written, UTC: the stage's clock for telling dead loads from live ones
     */
    StageCsv(Writer out, List<Column> columns, String loadId, int chunk, LocalDateTime stagedAt) {
        this.out = out;
        this.columns = columns;
        String tags = quoted(loadId) + "," + chunk + ",";
        this.otherRowTags = tags + "\n";
        timestamp(stagedAt);
        this.firstRowTags = tags + csv + "\n";
        csv.setLength(0);
    }

    void write(List<Object[]> rows) throws IOException {
        String rowTags = firstRowTags;
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                value(columns.get(i), row[i]);
                csv.append(',');
            }
            csv.append(rowTags);
            rowTags = otherRowTags;
            if (csv.length() >= BLOCK_CHARS) {
                flush();
            }
        }
        flush();
    }

    private void flush() throws IOException {
        out.append(csv);
        csv.setLength(0);
    }

    private void value(Column column, Object value) {
        if (value == null) {
            return;
        }
        switch (column.kind()) {
            case TEXT -> csv.append(quoted((String) value));
            case DECIMAL -> csv.append(((BigDecimal) value).toPlainString());
            case TIMESTAMP -> timestamp((LocalDateTime) value);
            case TIMESTAMP_WITH_ZONE -> {
                timestamp(((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
                csv.append("+00");
            }
            // 2024-03-01, and Java's number and boolean texts, read back as they are.
            default -> csv.append(value);
        }
    }

    /** Digit by digit: LocalDateTime.toString was one of the loader's hottest spots. */
    private void timestamp(LocalDateTime value) {
        int year = value.getYear();
        if (year < 1000 || year > 9999) {
            csv.append(value.toLocalDate().toString());
        } else {
            csv.append(Integer.toString(year));
            digits('-', value.getMonthValue());
            digits('-', value.getDayOfMonth());
        }
        digits(' ', value.getHour());
        digits(':', value.getMinute());
        digits(':', value.getSecond());
        int nanos = value.getNano();
        if (nanos >= 1000) {
            csv.append('.');
            // Microseconds at most (what both databases keep), without trailing zeros: .25, .000006.
            String fraction = Integer.toString(1_000_000 + nanos / 1000);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            csv.append(fraction, 1, end);
        }
    }

    private void digits(char separator, int twoDigits) {
        csv.append(separator);
        csv.append((char) ('0' + twoDigits / 10));
        csv.append((char) ('0' + twoDigits % 10));
    }

    private static String quoted(String text) {
        return text.indexOf('"') < 0 ? '"' + text + '"' : '"' + text.replace("\"", "\"\"") + '"';
    }
}
