package io.s3redshiftloader.warehouse;

import io.s3redshiftloader.schema.Column;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One load's rows as gzip CSV part files on local disk, for Redshift's COPY from S3, sized by compressed bytes as AWS
 * advises (1 MB to 1 GB a part, a count that is a multiple of the slices). Rows go into one part until it holds 1 MiB,
 * so a small file gives one part. Past that, chunks are dealt in turn over a group of {@code partsPerGroup} parts, so
 * every slice gets an equal share; once the group holds {@code partsPerGroup × partBytes}, a new group starts. Writes
 * come one at a time (the load serialises them). {@link #close()} deletes the files.
 */
final class StagingParts implements Closeable {
    static final long MIN_PART_BYTES = 1024 * 1024;

    private final Path directory;
    private final int partsPerGroup;
    private final long partBytes;
    private final List<Path> finished = new ArrayList<>();
    private final List<Part> group = new ArrayList<>();
    private int next;
    private int created;

    /** One gzip stream, with the compressed bytes written so far. */
    private static final class Part {
        final Path file;
        final CountingStream compressed;
        final OutputStream csv;

        Part(Path file) throws IOException {
            this.file = file;
            this.compressed = new CountingStream(Files.newOutputStream(file));
            // The fastest level: CPU time is what a load is short of, and the parts live for minutes.
            this.csv = new GZIPOutputStream(compressed, 64 * 1024) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long bytes;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int offset, int length) throws IOException {
            out.write(b, offset, length);
            bytes += length;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }
    }

    StagingParts(String loadId, int partsPerGroup, long partBytes, Path temporaryDirectory) {
        this.partsPerGroup = partsPerGroup;
        this.partBytes = partBytes;
        try {
            this.directory = Files.createTempDirectory(temporaryDirectory, "loader-" + loadId + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a folder for the staged parts in " + temporaryDirectory, e);
        }
    }

    /** Appends a chunk's rows to the next part. */
    void write(List<Column> columns, List<Object[]> rows) throws IOException {
        if (group.isEmpty()) {
            group.add(newPart());
        }
        Part part = group.get(next);
        new CopyCsv(part.csv, columns).write(rows);
        if (group.size() == 1 && partsPerGroup > 1) {
            if (part.compressed.bytes >= MIN_PART_BYTES) {
                widen();
            }
        } else {
            next = (next + 1) % group.size();
        }
        if (groupBytes() >= (long) group.size() * partBytes && group.size() == partsPerGroup) {
            finishGroup();
            widen();
        }
    }

    /** Fills the group up to {@code partsPerGroup} parts, the next chunk going into the first new one. */
    private void widen() throws IOException {
        next = group.size() % partsPerGroup;
        while (group.size() < partsPerGroup) {
            group.add(newPart());
        }
    }

    private long groupBytes() {
        return group.stream().mapToLong(part -> part.compressed.bytes).sum();
    }

    private Part newPart() throws IOException {
        created++;
        return new Part(directory.resolve(String.format("part-%04d.csv.gz", created)));
    }

    private void finishGroup() throws IOException {
        for (Part part : group) {
            part.csv.close();
            finished.add(part.file);
        }
        group.clear();
        next = 0;
    }

    /** Ends every part's gzip stream and returns all parts in order, ready to upload. */
    List<Path> finish() throws IOException {
        finishGroup();
        return List.copyOf(finished);
    }

    @Override
    public void close() {
        for (Part part : group) {
            try {
                part.csv.close();
            } catch (IOException e) {
                // Deleted below all the same.
            }
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // A part left on local disk holds no secret and changes no outcome; the next cleanup of tmp removes it.
        }
    }
}
