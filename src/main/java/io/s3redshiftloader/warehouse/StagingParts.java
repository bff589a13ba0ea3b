package io.s3redshiftloader.warehouse;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One load's rows for Redshift's COPY from S3, written while the file streams: gzip CSV part files on local disk, each
 * chunk going whole into part {@code chunk % parts}, so memory stays bounded and every slice gets a share. A chunk
 * redelivered after it was written is not written twice. Once {@link #finish() finished}, the parts are uploaded;
 * {@link #close()} deletes the local files.
 */
public final class StagingParts implements Closeable {
    private final String loadId;
    private final Path directory;
    private final Part[] parts;
    private final Set<Integer> written = new HashSet<>();
    private long rows;
    private boolean broken;

    /** One gzip stream per part; appends to one part are serialised, parts fill in parallel. */
    private static final class Part {
        final Path file;
        OutputStream csv;

        Part(Path file) {
            this.file = file;
        }
    }

    public StagingParts(String loadId, int parts, Path temporaryDirectory) {
        this.loadId = loadId;
        try {
            this.directory = Files.createTempDirectory(temporaryDirectory, "loader-" + loadId + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a folder for the staged parts in " + temporaryDirectory, e);
        }
        this.parts = new Part[parts];
        for (int i = 0; i < parts; i++) {
            this.parts[i] = new Part(directory.resolve(String.format("part-%04d.csv.gz", i + 1)));
        }
    }

    /** Appends a chunk's rows to its part; a chunk already written (a redelivery) is skipped. */
    public void write(int chunk, List<Column> columns, List<Object[]> chunkRows, LocalDateTime stagedAt) {
        Part part = parts[chunk % parts.length];
        synchronized (part) {
            synchronized (this) {
                if (broken) {
                    throw new IllegalStateException("Writing the staged parts for load " + loadId + " failed earlier; the load cannot finish.");
                }
                if (written.contains(chunk)) {
                    return;
                }
            }
            try {
                if (part.csv == null) {
                    part.csv = gzip(Files.newOutputStream(part.file));
                }
                new StageCsv(part.csv, columns, loadId, chunk, stagedAt).write(chunkRows);
            } catch (IOException e) {
                // A part holding half a chunk cannot be repaired in a gzip stream: the load fails instead of loading it twice.
                synchronized (this) {
                    broken = true;
                }
                throw new UncheckedIOException("Writing the staged parts in " + directory + " failed", e);
            }
            synchronized (this) {
                written.add(chunk);
                rows += chunkRows.size();
            }
        }
    }

    /** Rows written so far. */
    public synchronized long rows() {
        return rows;
    }

    /** Ends every part's gzip stream and returns the parts that hold rows, ready to upload. */
    public List<Path> finish() {
        List<Path> files = new ArrayList<>();
        for (Part part : parts) {
            synchronized (part) {
                if (part.csv == null) {
                    continue;
                }
                try {
                    part.csv.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("Finishing the staged part " + part.file + " failed", e);
                }
                files.add(part.file);
            }
        }
        return files;
    }

    private static OutputStream gzip(OutputStream file) throws IOException {
        // The fastest level: the parts live for minutes, and CPU time is what the load is short of.
        return new GZIPOutputStream(file, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    @Override
    public void close() {
        for (Part part : parts) {
            synchronized (part) {
                try {
                    if (part.csv != null) {
                        part.csv.close();
                    }
                    Files.deleteIfExists(part.file);
                } catch (IOException e) {
                    // A part left on local disk holds no secret and changes no outcome; the next cleanup of tmp removes it.
                }
            }
        }
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // As above.
        }
    }
}
