package io.s3redshiftloader.load;

import io.s3redshiftloader.csv.FileColumns;
import io.s3redshiftloader.csv.ParsedChunk;
import io.s3redshiftloader.csv.RejectsReport;
import io.s3redshiftloader.csv.UnloadableFileException;
import io.s3redshiftloader.warehouse.StagingParts;
import java.io.File;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Everything known about one file's load while it runs: which object, its load id, the header mapping and the row
 * counts. Chunks running in parallel update the counts, so they are atomic.
 */
public final class LoadContext {
    /** The exchange property that carries this context through the route, into split chunks too. */
    public static final String PROPERTY = "loadContext";

    private final String bucket;
    private final String key;
    private final String etag;
    private final String loadId;
    private final long startNanos = System.nanoTime();
    private final long maxRejectedRows;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong staged = new AtomicLong();
    private volatile FileColumns columns;
    private volatile RejectsReport rejects;
    private volatile StagingParts stagingParts;
    private volatile String previousLoadId;
    private volatile boolean committed;
    private volatile boolean discarded;
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

    public void countStaged(long rows) {
        staged.addAndGet(rows);
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

    /** Rows written to the stage; after the commit, the rows loaded. */
    public long rowsStaged() {
        return staged.get();
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

    /** The load failed and its stage is being removed: chunks still in flight must not leave rows behind. */
    public void discarded() {
        this.discarded = true;
    }

    public boolean isDiscarded() {
        return discarded;
    }

    /** Redshift's bulk path: where large chunks' rows go for COPY from S3; null when the load has none. */
    public StagingParts stagingParts() {
        return stagingParts;
    }

    public void stagingParts(StagingParts parts) {
        this.stagingParts = parts;
    }

    /** Deletes local temporary files. */
    public void close() {
        if (rejects != null) {
            rejects.close();
        }
        if (stagingParts != null) {
            stagingParts.close();
        }
    }
}
