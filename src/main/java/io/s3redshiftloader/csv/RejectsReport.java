package io.s3redshiftloader.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rejected rows of one file, written to a local temporary file as they are found (so memory does not grow with
 * them) and uploaded next to the file's outcome. Columns: line, reason, then the record's own fields.
 */
public final class RejectsReport implements AutoCloseable {
    private final Path file;
    private final CSVPrinter printer;

    public RejectsReport() {
        try {
            file = Files.createTempFile("rejects-", ".csv");
            Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            printer = new CSVPrinter(writer, CSVFormat.RFC4180);
            printer.printRecord("line", "reason", "record");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary file for the rejects report", e);
        }
    }

    public synchronized void append(List<RejectedRow> rows) {
        try {
            for (RejectedRow row : rows) {
                printer.printRecord(row.line(), row.reason(), CSVFormat.RFC4180.format((Object[]) row.values()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the rejects report", e);
        }
    }

    /** The finished report, ready to upload. */
    public synchronized Path finish() {
        try {
            printer.flush();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the rejects report", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            printer.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the rejects report " + file, e);
        }
    }
}
