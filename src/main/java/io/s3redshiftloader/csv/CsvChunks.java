package io.s3redshiftloader.csv;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV stream record by record (RFC 4180 via Commons CSV; gzip, UTF-8 BOM, CRLF handled) and hands out chunks
 * of records, so a file of any size is read with a bounded amount of memory.
 */
public final class CsvChunks implements Iterator<CsvChunk>, Closeable {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int chunkRows;
    private final String[] header;
    private long lastLine;
    private int nextChunk;

    private CsvChunks(CSVParser parser, int chunkRows) {
        this.parser = parser;
        this.records = parser.iterator();
        this.chunkRows = chunkRows;
        this.header = readHeader();
    }

    /**
     * Opens a stream of CSV text.
     *
     * @param gzip whether the stream is gzip-compressed (keys ending .gz)
     */
    public static CsvChunks open(InputStream content, boolean gzip, int chunkRows) {
        try {
            InputStream bytes = gzip ? new GZIPInputStream(content, 64 * 1024) : new BufferedInputStream(content, 64 * 1024);
            Reader reader = new InputStreamReader(skipByteOrderMark(bytes), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            return new CsvChunks(CSVParser.builder().setReader(reader).setFormat(FORMAT).get(), chunkRows);
        } catch (IOException e) {
            throw readFailure(e, 0);
        }
    }

    private static InputStream skipByteOrderMark(InputStream in) throws IOException {
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in);
        buffered.mark(3);
        byte[] head = buffered.readNBytes(3);
        if (!(head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF)) {
            buffered.reset();
        }
        return buffered;
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
        return first.values();
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw readFailure(e.getCause(), lastLine + 1);
        }
    }

    @Override
    public CsvChunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<CsvRecord> chunk = new ArrayList<>(chunkRows);
        CsvRecord record;
        while (chunk.size() < chunkRows && (record = nextRecord()) != null) {
            chunk.add(record);
        }
        return new CsvChunk(nextChunk++, chunk);
    }

    private CsvRecord nextRecord() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            String[] values = record.values();
            long endLine = parser.getCurrentLineNumber();
            long line = endLine - embeddedLineBreaks(values);
            lastLine = endLine;
            return new CsvRecord(line, values);
        } catch (UncheckedIOException e) {
            throw readFailure(e.getCause(), lastLine + 1);
        }
    }

    private static int embeddedLineBreaks(String[] values) {
        int breaks = 0;
        for (String value : values) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
                    breaks++;
                }
            }
        }
        return breaks;
    }

    private static RuntimeException readFailure(IOException e, long line) {
        if (e instanceof CharacterCodingException) {
            return new UnloadableFileException("The file is not UTF-8 text near line " + line + "; is it a CSV file?", e);
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            return new UnloadableFileException("The gzip data is corrupt or truncated (" + e.getMessage() + ").", e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("EOF reached before encapsulated token finished")) {
            return new UnloadableFileException("A quoted field starting near line " + line + " is never closed.", e);
        }
        if (message.contains("invalid char between encapsulated token and delimiter")) {
            return new UnloadableFileException("A quoted field near line " + line
                    + " has text after its closing quote; quotes inside a field must be doubled (\"\").", e);
        }
        return new SourceReadException("Reading the file failed near line " + line + ": " + message, e);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
