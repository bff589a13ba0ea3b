package io.s3redshiftloader.csv;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a CSV stream record by record (RFC 4180, by CsvLexer; gzip, UTF-8 BOM, CRLF handled)
 * and hands out chunks of records, so a file of any size is read with a bounded amount of memory. Input that cannot be
 * read as CSV text fails the whole file with a sentence saying where.
 */
public final class CsvChunks implements Iterator<CsvChunk>, Closeable {
    /** The most one record may hold, in UTF-8 bytes: Redshift's limit for one input row, 4 MB. */
    private static final long MAX_RECORD_BYTES = 4L * 1024 * 1024;

    private final boolean gzip;
    private final int chunkRows;
    private final CsvLexer lexer;
    private final String[] header;
    private CsvRecord pending;
    private boolean failed;
    private int nextChunk;

    private CsvChunks(InputStream content, boolean gzip, int chunkRows) {
        this.gzip = gzip;
        this.chunkRows = chunkRows;
        try {
            this.lexer = new CsvLexer(new Utf8Reader(text(content, gzip)), MAX_RECORD_BYTES);
        } catch (IOException e) {
            throw readFailure(e, 1, 1);
        }
        this.header = readHeader();
    }

    /**
     * Opens a stream of CSV text.
     *
     * @param gzip whether the stream is gzip-compressed (keys ending .gz)
     */
    public static CsvChunks open(InputStream content, boolean gzip, int chunkRows) {
        return new CsvChunks(content, gzip, chunkRows);
    }

    /** The bytes of the text: unzipped when gzip. A 0-byte object is refused first, or gzip would call it truncated. */
    private static InputStream text(InputStream content, boolean gzip) throws IOException {
        InputStream bytes = new BufferedInputStream(content, 64 * 1024);
        bytes.mark(1);
        if (bytes.read() < 0) {
            throw new UnloadableFileException("The file is empty (0 bytes).");
        }
        bytes.reset();
        return gzip ? new GZIPInputStream(bytes, 64 * 1024) : bytes;
    }

    /** The header's column names as written in the file. */
    public String[] header() {
        return header.clone();
    }

    private String[] readHeader() {
        CsvRecord first = nextRecord();
        if (first == null) {
            throw new UnloadableFileException("The file is empty: it has no header row.");
        }
        if (String.join("", first.values()).indexOf('\0') >= 0) {
            // Valid UTF-8 can still be binary: zero-filled data, or UTF-16 text without its byte order mark.
            throw new UnloadableFileException("The file is not UTF-8 CSV text: its header row on line " + first.line()
                    + " contains NUL bytes.");
        }
        return first.values();
    }

    /**
     * Reads ahead one record, so that trailing blank lines do not make an empty chunk. After a read failure there is
     * nothing more: the failure was thrown once, and Camel only asks again to release what it created, which must not
     * read on through the rest of the file.
     */
    @Override
    public boolean hasNext() {
        if (failed) {
            return false;
        }
        if (pending == null) {
            pending = nextRecord();
        }
        return pending != null;
    }

    @Override
    public CsvChunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<CsvRecord> chunk = new ArrayList<>(chunkRows);
        while (chunk.size() < chunkRows && hasNext()) {
            chunk.add(pending);
            pending = null;
        }
        return new CsvChunk(nextChunk++, chunk);
    }

    /**
     * The next record that is not a blank line, or null at the end. A line holding only "" is blank too; a record of
     * another length than the header is the row parser's to reject.
     */
    private CsvRecord nextRecord() {
        try {
            CsvRecord record;
            do {
                record = lexer.next();
            } while (record != null && isBlankLine(record.values()));
            return record;
        } catch (IOException e) {
            failed = true;
            throw readFailure(e, lexer.recordLine(), lexer.line());
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private static boolean isBlankLine(String[] values) {
        return values.length == 1 && values[0].isEmpty();
    }

    /**
     * Why the file cannot be read, in a sentence; {@code recordLine} is the line the record being read starts on,
     * {@code line} the line the reading stopped on.
     */
    private RuntimeException readFailure(IOException e, long recordLine, long line) {
        if (e instanceof Utf8Reader.NotUtf8Exception bad) {
            return new UnloadableFileException(String.format("The file is not UTF-8 CSV text: byte %d%s (0x%02X, on line %d) is not valid UTF-8.",
                    bad.byteNumber(), gzip ? " of the unzipped data" : "", bad.byteValue(), line), e);
        }
        if (e instanceof CsvLexer.RecordTooLongException) {
            return new UnloadableFileException("The record starting on line " + recordLine + " is longer than "
                    + MAX_RECORD_BYTES / (1024 * 1024) + " MB, more than a row can hold; check for a quote that is never closed.", e);
        }
        if (gzip && e instanceof EOFException) {
            return new UnloadableFileException("The gzip data ends before its end marker: the file is truncated.", e);
        }
        if (gzip && e instanceof ZipException) {
            return new UnloadableFileException("Not in GZIP format".equals(e.getMessage())
                    ? "The file's name ends in .gz but it is not gzip data."
                    : "The gzip data is corrupt (" + e.getMessage() + ").", e);
        }
        if (e instanceof CsvLexer.UnclosedQuoteException quote) {
            return new UnloadableFileException("The quoted field starting on line " + quote.line() + " is never closed: the file ends inside it.", e);
        }
        if (e instanceof CsvLexer.TextAfterQuoteException text) {
            return new UnloadableFileException("The record starting on line " + recordLine + " has text right after a closing quote on line "
                    + text.line() + "; a quote inside a quoted field must be doubled (\"\").", e);
        }
        return new SourceReadException("Reading the file failed near line " + recordLine + ": " + e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        lexer.close();
    }
}
