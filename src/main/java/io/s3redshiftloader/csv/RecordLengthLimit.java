package io.s3redshiftloader.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Fails the read once one record grows past a limit. Commons CSV holds a whole record in memory, so without a limit a
 * quote that is never closed, or megabytes without a line break, would be buffered to the end of the file. The count
 * includes the parser's read-ahead (a few KB), which does not matter at this size.
 */
final class RecordLengthLimit extends FilterReader {
    private final long maxChars;
    private long chars;

    RecordLengthLimit(Reader in, long maxChars) {
        super(in);
        this.maxChars = maxChars;
    }

    /** The parser has handed out a record: the next one starts counting. */
    void recordEnded() {
        chars = 0;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        count(c < 0 ? 0 : 1);
        return c;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        int read = super.read(target, offset, length);
        count(Math.max(read, 0));
        return read;
    }

    private void count(int read) throws RecordTooLongException {
        chars += read;
        if (chars > maxChars) {
            throw new RecordTooLongException(maxChars);
        }
    }

    /** A record is longer than the limit. */
    static final class RecordTooLongException extends IOException {
        RecordTooLongException(long maxChars) {
            super("a record is longer than " + maxChars + " characters");
        }
    }
}
