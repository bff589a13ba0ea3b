package io.s3redshiftloader.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Splits CSV text into records in one pass, as RFC 4180 and Commons CSV's format of it read them: fields separated by
 * commas; records ended by LF, CR or CRLF (each one line); a field that starts with a quote is quoted, may hold commas
 * and line breaks, and doubles its quotes; blanks between a closing quote and the next comma or line break are dropped;
 * a quote inside an unquoted field is text. It fails where that format cannot be read: a quoted field still open at the
 * end, text after a closing quote, a record longer than the limit (without one, a quote never closed would be buffered
 * to the end of the file). A failure comes once the records before it have been returned.
 * <p>
 * One pass over the characters, in runs between the characters that matter, since reading is the loader's one serial
 * step: FastCSV behind a reader that checked these rules read each character twice and took about 1.3 times as long.
 */
final class CsvLexer implements Closeable {
    private static final int END = -1;

    private final Reader in;
    private final long maxRecordBytes;
    private final char[] text = new char[64 * 1024];
    private int position;
    private int end;
    private boolean endOfText;
    /** A field that spans more than one read of the text, or holds a doubled quote. */
    private char[] field = new char[1024];
    private int fieldLength;
    private String value;
    private String[] fields = new String[16];
    private int fieldCount;
    /** The last record ended with a CR: a LF right after it belongs to that line break. */
    private boolean afterCr;
    private long line = 1;
    private long recordLine = 1;
    /** UTF-8 bytes of the record being read, so far. */
    private long recordBytes;
    private IOException failure;

    /**
     * @param maxRecordBytes the most one record may hold, in UTF-8 bytes, as Redshift measures a row
     */
    CsvLexer(Reader in, long maxRecordBytes) {
        this.in = in;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** The line the record being read starts on. */
    long recordLine() {
        return recordLine;
    }

    /** The line the next character is on. */
    long line() {
        return line;
    }

    /** The next record, or null at the end of the text. After a failure, the same failure again. */
    CsvRecord next() throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            return record();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private CsvRecord record() throws IOException {
        if (afterCr) {
            if (!available()) {
                return null;
            }
            afterCr = false;
            if (text[position] == '\n') {
                position++;
            }
        }
        if (!available()) {
            return null;
        }
        recordLine = line;
        recordBytes = 0;
        fieldCount = 0;
        int terminator;
        do {
            fieldLength = 0;
            if (!available()) {
                value = "";
                terminator = END;
            } else if (text[position] == '"') {
                terminator = quoted();
            } else {
                terminator = unquoted();
            }
            if (fieldCount == fields.length) {
                fields = Arrays.copyOf(fields, fieldCount * 2);
            }
            fields[fieldCount++] = value;
            if (terminator != END) {
                position++;
            }
            if (terminator == ',') {
                recordBytes++;
            }
        } while (terminator == ',');
        if (terminator != END) {
            // A line break belongs to no record.
            line++;
            afterCr = terminator == '\r';
        }
        checkLength();
        return new CsvRecord(recordLine, Arrays.copyOf(fields, fieldCount));
    }

    /** An unquoted field, up to the comma or line break it returns (not taken), or END. */
    private int unquoted() throws IOException {
        while (true) {
            char[] t = text;
            int start = position;
            int stop = end;
            int i = scan(start, stop, ',');
            char c = i < stop ? t[i] : 0;
            position = i;
            if (i < stop && fieldLength == 0) {
                value = new String(t, start, i - start);
                return c;
            }
            append(t, start, i - start);
            checkLength();
            if (i < stop) {
                value = new String(field, 0, fieldLength);
                return c;
            }
            if (!available()) {
                value = new String(field, 0, fieldLength);
                return END;
            }
        }
    }

    /** A quoted field from its opening quote, up to the comma or line break after its closing quote, or END. */
    private int quoted() throws IOException {
        long quoteLine = line;
        position++;
        recordBytes++;
        boolean crBefore = false;
        while (true) {
            if (!available()) {
                throw new UnclosedQuoteException(quoteLine);
            }
            char[] t = text;
            if (crBefore) {
                crBefore = false;
                if (t[position] == '\n') {
                    append('\n');
                    position++;
                    recordBytes++;
                    continue;
                }
            }
            int start = position;
            int stop = end;
            int i = scan(start, stop, '"');
            char c = i < stop ? t[i] : 0;
            append(t, start, i - start);
            position = i;
            checkLength();
            if (i == stop) {
                continue;
            }
            position++;
            recordBytes++;
            if (c == '"') {
                if (available() && t[position] == '"') {
                    append('"');
                    position++;
                    recordBytes++;
                    continue;
                }
                value = new String(field, 0, fieldLength);
                return afterClosingQuote();
            }
            append(c);
            line++;
            crBefore = c == '\r';
        }
    }

    /** Blanks after a closing quote are dropped; then a comma, a line break or the end must come. */
    private int afterClosingQuote() throws IOException {
        while (available()) {
            char c = text[position];
            if (c == ',' || c == '\n' || c == '\r') {
                return c;
            }
            if (!Character.isWhitespace(c)) {
                throw new TextAfterQuoteException(line);
            }
            position++;
        }
        return END;
    }

    /** Whether there is text at the position, reading more if needed. */
    private boolean available() throws IOException {
        while (position == end) {
            if (endOfText) {
                return false;
            }
            int read = in.read(text, 0, text.length);
            position = 0;
            end = Math.max(read, 0);
            endOfText = read < 0;
        }
        return true;
    }

    /**
     * Where the first line break or {@code special} (',' or '"') from start on is, or stop; the characters before it
     * are added to the record's length.
     */
    private int scan(int start, int stop, char special) {
        char[] t = text;
        int high = 0;
        int i = start;
        while (i < stop) {
            char c = t[i];
            // One comparison for nearly every character: the three that end a run all sort at or below the special one.
            if (c <= special && (c == special || c == '\n' || c == '\r')) {
                break;
            }
            high |= c;
            i++;
        }
        recordBytes += utf8Bytes(t, start, i, high);
        return i;
    }

    /**
     * The UTF-8 length of the characters from start to end; {@code high} is all of them or-ed together, which says
     * whether any is not ASCII. Each UTF-16 half of a pair stands for 2 of the character's 4 bytes.
     */
    private static long utf8Bytes(char[] t, int start, int end, int high) {
        if (high < 0x80) {
            return end - start;
        }
        long bytes = 0;
        for (int i = start; i < end; i++) {
            char c = t[i];
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private void append(char[] source, int from, int length) {
        ensure(length);
        System.arraycopy(source, from, field, fieldLength, length);
        fieldLength += length;
    }

    private void append(char c) {
        ensure(1);
        field[fieldLength++] = c;
    }

    private void ensure(int more) {
        if (fieldLength + more > field.length) {
            field = Arrays.copyOf(field, Math.max(field.length * 2, fieldLength + more));
        }
    }

    private void checkLength() throws RecordTooLongException {
        if (recordBytes > maxRecordBytes) {
            throw new RecordTooLongException(maxRecordBytes);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The text ends inside a quoted field. */
    static final class UnclosedQuoteException extends IOException {
        private final long line;

        UnclosedQuoteException(long line) {
            super("the quoted field starting on line " + line + " is never closed");
            this.line = line;
        }

        /** The line the quoted field starts on. */
        long line() {
            return line;
        }
    }

    /** Something other than a blank, a comma or a line break follows a closing quote. */
    static final class TextAfterQuoteException extends IOException {
        private final long line;

        TextAfterQuoteException(long line) {
            super("text after a closing quote on line " + line);
            this.line = line;
        }

        /** The line the text is on. */
        long line() {
            return line;
        }
    }

    /** A record is longer than the limit. */
    static final class RecordTooLongException extends IOException {
        RecordTooLongException(long maxBytes) {
            super("a record is longer than " + maxBytes + " bytes");
        }
    }
}
