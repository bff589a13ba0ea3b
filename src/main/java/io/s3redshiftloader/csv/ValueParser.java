package io.s3redshiftloader.csv;

import io.s3redshiftloader.schema.Column;
import io.s3redshiftloader.schema.TextRules;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** Turns one CSV field into the Java value bound for its column, or says in words why it cannot. */
public final class ValueParser {
    /**
     * ISO-8601 date and time, 'T' or a space between them, with {@code Z}, an offset, or no zone; a date alone is
     * midnight, as Redshift's COPY reads it. Strict, so that 2024-02-30 is refused rather than read as 2024-02-29.
     */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private final TextRules textRules;

    public ValueParser(TextRules textRules) {
        this.textRules = textRules;
    }

    /** The value to bind, {@code null} for an empty field of a nullable column. */
    public Object parse(Column column, String field) throws RejectedValueException {
        if (field.isEmpty()) {
            if (!column.nullable()) {
                throw new RejectedValueException(column.name() + " is empty but required");
            }
            return null;
        }
        return switch (column.kind()) {
            case TEXT -> text(column, field);
            case DECIMAL -> decimal(column, field);
            case INTEGER -> integer(column, field);
            case FLOAT -> floating(column, field);
            case BOOLEAN -> bool(column, field);
            case DATE -> date(column, field);
            case TIMESTAMP -> timestamp(column, field).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            case TIMESTAMP_WITH_ZONE -> timestamp(column, field);
        };
    }

    private String text(Column column, String field) throws RejectedValueException {
        if (field.indexOf('\0') >= 0) {
            throw new RejectedValueException(column.name() + " contains a NUL character");
        }
        if (!textRules.takesCharacters(column, field)) {
            throw new RejectedValueException(column.name() + " contains a multi-byte character; a CHAR column takes single-byte characters only");
        }
        if (column.maxLength() > 0 && textRules.longerThan(field, column.maxLength())) {
            throw new RejectedValueException(column.name() + " is longer than " + column.maxLength() + " " + textRules.lengthUnit());
        }
        return field;
    }

    private static BigDecimal decimal(Column column, String field) throws RejectedValueException {
        if (!isPlainDecimal(field)) {
            throw new RejectedValueException(column.name() + " '" + shorten(field) + "' is not a plain decimal number");
        }
        BigDecimal value = plainDecimal(field);
        if (column.precision() > 0) {
            if (value.scale() > column.scale() && value.stripTrailingZeros().scale() > column.scale()) {
                throw new RejectedValueException(column.name() + " " + field + " has more than " + column.scale() + " decimal places");
            }
            if (value.precision() - value.scale() > column.precision() - column.scale()) {
                throw new RejectedValueException(column.name() + " " + field + " does not fit decimal(" + column.precision() + ","
                        + column.scale() + ")");
            }
        }
        return value;
    }

    /**
     * The value of a {@link #isPlainDecimal plain decimal}: up to 18 digits (nearly every amount) read as one long
     * and a scale, which the BigDecimal(String) constructor does with a copy and a general parser.
     */
    private static BigDecimal plainDecimal(String field) {
        boolean negative = field.charAt(0) == '-';
        int digits = field.length() - (negative ? 1 : 0) - (field.indexOf('.') >= 0 ? 1 : 0);
        if (digits > 18) {
            return new BigDecimal(field);
        }
        long unscaled = 0;
        int scale = 0;
        boolean fraction = false;
        for (int i = negative ? 1 : 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '.') {
                fraction = true;
            } else {
                unscaled = unscaled * 10 + (c - '0');
                if (fraction) {
                    scale++;
                }
            }
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    /** {@code -?digits[.digits]}, checked by hand: this runs for every amount of every row. */
    static boolean isPlainDecimal(String field) {
        int i = field.charAt(0) == '-' ? 1 : 0;
        int digitsBefore = 0;
        while (i < field.length() && Character.isDigit(field.charAt(i)) && field.charAt(i) < 128) {
            i++;
            digitsBefore++;
        }
        if (digitsBefore == 0) {
            return false;
        }
        if (i == field.length()) {
            return true;
        }
        if (field.charAt(i) != '.') {
            return false;
        }
        i++;
        int digitsAfter = 0;
        while (i < field.length() && Character.isDigit(field.charAt(i)) && field.charAt(i) < 128) {
            i++;
            digitsAfter++;
        }
        return digitsAfter > 0 && i == field.length();
    }

    private static Long integer(Column column, String field) throws RejectedValueException {
        long value;
        try {
            value = Long.parseLong(field);
        } catch (NumberFormatException e) {
            throw new RejectedValueException(column.name() + " '" + shorten(field) + "' is not a whole number");
        }
        long max = switch (column.dataType()) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        if (value > max || value < -max - 1) {
            throw new RejectedValueException(column.name() + " " + field + " is out of range for " + column.dataType());
        }
        return value;
    }

    private static Double floating(Column column, String field) throws RejectedValueException {
        try {
            double value = Double.parseDouble(field);
            if (Double.isNaN(value) || Double.isInfinite(value) || !field.matches("-?[0-9.eE+-]+")) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new RejectedValueException(column.name() + " '" + shorten(field) + "' is not a number");
        }
    }

    private static Boolean bool(Column column, String field) throws RejectedValueException {
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "1" -> true;
            case "false", "f", "no", "n", "0" -> false;
            default -> throw new RejectedValueException(column.name() + " '" + shorten(field) + "' is not true or false");
        };
    }

    private static LocalDate date(Column column, String field) throws RejectedValueException {
        try {
            return LocalDate.parse(field);
        } catch (DateTimeParseException e) {
            throw new RejectedValueException(column.name() + " '" + shorten(field) + "' is not an ISO-8601 date (yyyy-mm-dd)");
        }
    }

    /**
     * The shape nearly every file uses, {@code 2024-03-01T10:15:00} with {@code Z} or no zone, read digit by digit:
     * the general formatter costs microseconds a field. Null when the text has another shape or is not a possible date
     * and time: the formatter then decides, and words the rejection.
     */
    private static OffsetDateTime commonTimestamp(String field) {
        int length = field.length();
        if (!(length == 19 || length == 20 && field.charAt(19) == 'Z')
                || field.charAt(4) != '-' || field.charAt(7) != '-' || field.charAt(10) != 'T'
                || field.charAt(13) != ':' || field.charAt(16) != ':') {
            return null;
        }
        int year = digits(field, 0, 4);
        int month = digits(field, 5, 2);
        int day = digits(field, 8, 2);
        int hour = digits(field, 11, 2);
        int minute = digits(field, 14, 2);
        int second = digits(field, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).atOffset(ZoneOffset.UTC);
        } catch (DateTimeException impossible) {
            return null;
        }
    }

    /** The decimal number in {@code count} characters from {@code start}, or -1 if one is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static OffsetDateTime timestamp(Column column, String field) throws RejectedValueException {
        OffsetDateTime common = commonTimestamp(field);
        if (common != null) {
            return common;
        }
        try {
            TemporalAccessor parsed = TIMESTAMP.parse(field);
            LocalDateTime local = LocalDateTime.from(parsed);
            ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
            return local.atOffset(offset);
        } catch (DateTimeParseException e) {
            throw new RejectedValueException(column.name() + " '" + shorten(field) + "' is not an ISO-8601 timestamp");
        }
    }

    private static String shorten(String field) {
        return field.length() <= 40 ? field : field.substring(0, 37) + "...";
    }

    /** A field that does not fit its column; the message is the reason written to the rejects report. */
    public static final class RejectedValueException extends Exception {
        public RejectedValueException(String reason) {
            super(reason, null, false, false);
        }
    }
}
