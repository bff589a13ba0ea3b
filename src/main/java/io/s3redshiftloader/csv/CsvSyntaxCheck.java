package io.s3redshiftloader.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * Follows the CSV structure of the text on its way to FastCSV, so that files read as they did with Commons CSV's
 * RFC 4180 format where FastCSV would take them otherwise. It fails the read where Commons CSV did and FastCSV does not
 * or cannot say where: a quoted field still open at the end, text after a closing quote, a record longer than the limit
 * (without one, a quote never closed would be buffered to the end of the file). It drops the blanks Commons CSV allowed
 * between a closing quote and the next comma or line break, and marks each lone carriage return inside quotes. It
 * counts lines as Commons CSV did: LF, CR, or CRLF as one. Its failures come once the text before them has been read,
 * so that the records before them come out first.
 */
final class CsvSyntaxCheck extends Reader {
    /**
     * Written after a carriage return alone inside quotes, and removed from the field again (RecordCollector). FastCSV
     * 4.1 does not count the line after such a CR right, and if a line feed ends the record it drops that field and
     * joins the next record to it; a line feed after the CR keeps it on track. Text decoded from valid UTF-8 never has
     * a low surrogate right after a line feed, so the mark cannot be data.
     */
    static final String LONE_CR_MARK = "\n\uDC00";

    private static final int FIELD_START = 0;
    /** At a field's start, right after the CR that ended the last record: an LF here belongs to that CR. */
    private static final int AFTER_RECORD_CR = 1;
    private static final int UNQUOTED = 2;
    private static final int QUOTED = 3;
    /** A quote inside quotes: the closing one, or the first of a doubled pair. */
    private static final int QUOTE_IN_QUOTES = 4;
    private static final int CR_IN_QUOTES = 5;
    /** The mark's LF is written; its low surrogate is next. */
    private static final int MARKING = 6;
    private static final int AFTER_CLOSING_QUOTE = 7;

    private final Reader in;
    private final long maxRecordBytes;
    private final char[] text = new char[8192];
    private int position;
    private int end;
    private int state = FIELD_START;
    private long line = 1;
    private long recordLine = 1;
    /** UTF-8 bytes of the record being read, so far. */
    private long recordBytes;
    private long quoteLine;
    private IOException failure;

    /**
     * @param maxRecordBytes the most one record may hold, in UTF-8 bytes, as Redshift measures a row
     */
    CsvSyntaxCheck(Reader in, long maxRecordBytes) {
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

    @Override
    public int read(char[] target, int targetOffset, int length) throws IOException {
        int written = 0;
        while (written == 0 && length > 0) {
            if (failure != null) {
                throw failure;
            }
            if (position == end && !fill()) {
                return -1;
            }
            written = check(target, targetOffset, targetOffset + length) - targetOffset;
        }
        return written;
    }

    /** Reads the next piece of text; false at the end, which must not be inside quotes. */
    private boolean fill() throws IOException {
        position = 0;
        int read = in.read(text, 0, text.length);
        end = Math.max(read, 0);
        if (read >= 0) {
            return true;
        }
        if (state == QUOTED || state == CR_IN_QUOTES) {
            failure = new UnclosedQuoteException(quoteLine);
            throw failure;
        }
        return false;
    }

    /** Copies the checked text into target until it is full or the text read so far is used up; returns where it stopped. */
    private int check(char[] target, int from, int to) {
        int s = state;
        int i = position;
        int o = from;
        scan:
        while (i < end && o < to) {
            char c = text[i];
            switch (s) {
                case FIELD_START, AFTER_RECORD_CR, UNQUOTED -> {
                    if (c == ',') {
                        s = FIELD_START;
                    } else if (c == '\n' && s == AFTER_RECORD_CR) {
                        s = FIELD_START;
                    } else if (c == '\r' || c == '\n') {
                        if (!endRecord()) {
                            break scan;
                        }
                        s = c == '\r' ? AFTER_RECORD_CR : FIELD_START;
                    } else if (c == '"' && s != UNQUOTED) {
                        s = QUOTED;
                        quoteLine = line;
                    } else {
                        s = UNQUOTED;
                    }
                }
                case QUOTED -> {
                    if (c == '"') {
                        s = QUOTE_IN_QUOTES;
                    } else if (c == '\r') {
                        line++;
                        s = CR_IN_QUOTES;
                    } else if (c == '\n') {
                        line++;
                    }
                }
                case CR_IN_QUOTES -> {
                    s = QUOTED;
                    if (c != '\n') {
                        target[o++] = LONE_CR_MARK.charAt(0);
                        s = MARKING;
                        continue;
                    }
                }
                case MARKING -> {
                    target[o++] = LONE_CR_MARK.charAt(1);
                    s = QUOTED;
                    continue;
                }
                case QUOTE_IN_QUOTES -> {
                    if (c != '"') {
                        s = AFTER_CLOSING_QUOTE;
                        continue;
                    }
                    s = QUOTED;
                }
                default -> {
                    if (c == ',') {
                        s = FIELD_START;
                    } else if (c == '\r' || c == '\n') {
                        if (!endRecord()) {
                            break scan;
                        }
                        s = c == '\r' ? AFTER_RECORD_CR : FIELD_START;
                    } else if (Character.isWhitespace(c)) {
                        i++;
                        continue;
                    } else {
                        failure = new TextAfterQuoteException(line);
                        break scan;
                    }
                }
            }
            target[o++] = c;
            i++;
            // Each UTF-16 half of a pair stands for 2 of the character's 4 bytes.
            recordBytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        state = s;
        position = i;
        if (failure == null && recordBytes > maxRecordBytes) {
            failure = new RecordTooLongException(maxRecordBytes);
        }
        return o;
    }

    /** A line break ends the record; false if the record is too long. */
    private boolean endRecord() {
        if (recordBytes > maxRecordBytes) {
            failure = new RecordTooLongException(maxRecordBytes);
            return false;
        }
        line++;
        recordLine = line;
        // The line break is counted next, and belongs to no record.
        recordBytes = -1;
        return true;
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
