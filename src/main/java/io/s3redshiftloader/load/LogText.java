package io.s3redshiftloader.load;

import java.util.regex.Pattern;

/**
 * Takes row values out of a database's or driver's error text before it is logged or reported: a batch's statement,
 * the values PostgreSQL quotes ("invalid input syntax for type numeric: "abc"", "COPY t, line 5, column amount: "abc"",
 * "Failing row contains (...)", "Key (id)=(...)"), and quoted literals (an apostrophe inside a word is
 * no quote). Identifiers ("column "amount"") stay, so the
 * text still says what went wrong, only not with which values.
 */
public final class LogText {
    private static final String HIDDEN = "(value not shown)";
    private static final Pattern BATCH_ENTRY = Pattern.compile("(?s)(Batch entry \\d+) .*? was aborted");
    private static final Pattern VALUES = Pattern.compile("(?is)\\bVALUES\\s*\\(.*");
    private static final Pattern FAILING_ROW = Pattern.compile("(?s)(Failing row contains) \\(.*\\)");
    private static final Pattern KEY_VALUE = Pattern.compile("(Key \\([^)]*\\))=\\(.*?\\)( already exists| is not present)?");
    private static final Pattern COLON_QUOTED = Pattern.compile(": \"(?:[^\"]|\"\")*\"");
    private static final Pattern SINGLE_QUOTED = Pattern.compile("(?<!\\p{L})'(?:[^']|'')*'(?!\\p{L})");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

    private LogText() {
    }

    /** The text with every row value it may quote replaced by "(value not shown)". */
    public static String withoutValues(String text) {
        if (text == null) {
            return null;
        }
        String out = BATCH_ENTRY.matcher(text).replaceAll("$1 (statement not shown) was aborted");
        out = VALUES.matcher(out).replaceAll("VALUES " + HIDDEN);
        out = FAILING_ROW.matcher(out).replaceAll("$1 " + HIDDEN);
        out = KEY_VALUE.matcher(out).replaceAll("$1=" + HIDDEN + "$2");
        out = COLON_QUOTED.matcher(out).replaceAll(": " + HIDDEN);
        return SINGLE_QUOTED.matcher(out).replaceAll(HIDDEN);
    }

    /** The text on one line: line breaks (and the indentation after them) become " / ". */
    public static String oneLine(String text) {
        return text == null ? null : LINE_BREAKS.matcher(text.strip()).replaceAll(" / ");
    }
}
