package io.s3redshiftloader.load;

import io.s3redshiftloader.csv.FileColumns;
import io.s3redshiftloader.csv.ParsedChunk;
import io.s3redshiftloader.csv.RejectsReport;
import io.s3redshiftloader.csv.UnloadableFileException;
import io.s3redshiftloader.warehouse.LedgerEntry;
import io.s3redshiftloader.warehouse.TableLoad;
import io.s3redshiftloader.warehouse.TableLoads;
import java.io.Closeable;
import java.io.IOException;
import java.sql.SQLException;
import java.io.File;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Everything known about one attempt at loading a file while it runs: which object, its load id, the header mapping,
 * the row counts and the rows' way into the table. Chunks running in parallel update the counts, so they are atomic.
 */
public final class LoadContext {
    private final String bucket;
    private final String key;
    private final String etag;
    private final String loadId;
    private final long startNanos = System.nanoTime();
    private final long maxRejectedRows;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile FileColumns columns;
    private volatile RejectsReport rejects;
    private volatile String previousLoadId;
    private volatile boolean committed;
    private TableLoad tableLoad;
    private Closeable source;
    private boolean ended;
    private volatile LongSupplier bytesRead = () -> 0;
    private volatile long objectSize = -1;

    public LoadContext(String bucket, String key, String etag, long maxRejectedRows) {
        this(UUID.randomUUID().toString(), bucket, key, etag, maxRejectedRows);
    }

    public LoadContext(String loadId, String bucket, String key, String etag, long maxRejectedRows) {
        this.loadId = loadId;
        this.bucket = bucket;
        this.key = key;
        this.etag = etag;
        this.maxRejectedRows = maxRejectedRows;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public String etag() {
        return etag;
    }

    public String loadId() {
        return loadId;
    }

    public boolean gzip() {
        return key.endsWith(".gz");
    }

    public long durationMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Where the object's bytes are counted as they are read, and its size (-1 when unknown), for progress lines. */
    public void readingFrom(LongSupplier bytesReadSoFar, long size) {
        this.bytesRead = bytesReadSoFar;
        this.objectSize = size;
    }

    public long bytesRead() {
        return bytesRead.getAsLong();
    }

    /** The object's size in bytes, or -1 when unknown. */
    public long objectSize() {
        return objectSize;
    }

    public FileColumns columns() {
        return columns;
    }

    public void columns(FileColumns fileColumns) {
        this.columns = fileColumns;
    }

    /** Counts a parsed chunk and reports its rejects; fails the file once rejects exceed MAX_REJECTED_ROWS. */
    public void countParsed(ParsedChunk chunk) {
        read.addAndGet(chunk.recordsRead());
        if (chunk.rejected().isEmpty()) {
            return;
        }
        rejectsReport().append(chunk.rejected());
        long total = rejected.addAndGet(chunk.rejected().size());
        if (total > maxRejectedRows) {
            throw new UnloadableFileException("More than " + maxRejectedRows + " rows were rejected (MAX_REJECTED_ROWS); see the rejects report.");
        }
    }

    public void countFiltered(long rows) {
        filtered.addAndGet(rows);
    }

    public void countWritten(long rows) {
        written.addAndGet(rows);
    }

    public long rowsRead() {
        return read.get();
    }

    public long rowsRejected() {
        return rejected.get();
    }

    public long rowsFiltered() {
        return filtered.get();
    }

    /** Rows written towards the table; after the commit, the rows loaded. */
    public long rowsWritten() {
        return written.get();
    }

    private synchronized RejectsReport rejectsReport() {
        if (rejects == null) {
            rejects = new RejectsReport();
        }
        return rejects;
    }

    /** The finished rejects report, or null when no row was rejected. */
    public File rejectsFile() {
        return rejects == null ? null : rejects.finish().toFile();
    }

    /** Marks the object as loaded before, by the load with this id. */
    public void alreadyLoadedBy(String earlierLoadId) {
        this.previousLoadId = earlierLoadId;
    }

    public boolean alreadyLoaded() {
        return previousLoadId != null;
    }

    public String previousLoadId() {
        return previousLoadId;
    }

    public void committed() {
        this.committed = true;
    }

    public boolean isCommitted() {
        return committed;
    }

    /** The object's content being read, released when the attempt ends. */
    public synchronized void readingSource(Closeable content) {
        this.source = content;
    }

    /**
     * This attempt's rows on their way into the table, opened on first use; null once the attempt has ended, so that
     * chunks still in flight after a failure write nothing.
     */
    public synchronized TableLoad tableLoad(TableLoads loads) {
        if (ended) {
            return null;
        }
        if (tableLoad == null) {
            tableLoad = loads.open(new LedgerEntry(bucket, key, etag, loadId), columns.columns());
        }
        return tableLoad;
    }

    /**
     * Ends the attempt: its transaction rolled back unless committed, its connection returned, what it staged removed,
     * the object's stream released. Nothing more is written after this; a second call does nothing.
     */
    public void end() throws SQLException {
        TableLoad load;
        Closeable content;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            load = tableLoad;
            content = source;
        }
        try {
            if (load != null) {
                load.close();
            }
        } finally {
            if (content != null) {
                try {
                    content.close();
                } catch (IOException e) {
                    // The stream is abandoned either way; its connection is not reused.
                }
            }
        }
    }

    /** Deletes local temporary files. */
    public void close() {
        if (rejects != null) {
            rejects.close();
        }
    }
}
