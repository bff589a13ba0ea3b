package io.s3redshiftloader.load;

import io.s3redshiftloader.observe.LoadsInFlight;
import io.s3redshiftloader.observe.FileMdc;
import io.s3redshiftloader.s3.ResumableObjectStream;
import io.s3redshiftloader.warehouse.LoadLedger;
import io.s3redshiftloader.warehouse.StageCopy;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;

/** Starts a file's load (load id, ledger check), publishes it in one transaction, or discards what it staged. */
public final class LoadSession {
    private static final Logger LOG = LoggerFactory.getLogger(LoadSession.class);
    /** Headers the aws2-s3 getObject operation sets. */
    private static final String KEY_HEADER = "CamelAwsS3Key";
    private static final String ETAG_HEADER = "CamelAwsS3ETag";
    private static final String LENGTH_HEADER = "CamelAwsS3ContentLength";

    private final LoadLedger ledger;
    private final String bucket;
    private final long maxRejectedRows;
    private final LoadsInFlight inFlight;
    private final Optional<S3PartsStaging> s3Staging;

    /**
     * @param s3Staging Redshift's bulk path through S3 parts, when configured
     */
    public LoadSession(LoadLedger ledger, String bucket, long maxRejectedRows, LoadsInFlight inFlight, Optional<S3PartsStaging> s3Staging) {
        this.ledger = ledger;
        this.bucket = bucket;
        this.maxRejectedRows = maxRejectedRows;
        this.inFlight = inFlight;
        this.s3Staging = s3Staging;
    }

    /** Creates the file's context from the fetched object, counts it in flight until done, and looks the object up in the ledger. */
    public void begin(Exchange exchange) throws SQLException {
        String key = exchange.getMessage().getHeader(KEY_HEADER, String.class);
        String etag = exchange.getMessage().getHeader(ETAG_HEADER, String.class);
        String loadId = exchange.getProperty(FileMdc.LOAD_ID, String.class);
        LoadContext load = loadId == null ? new LoadContext(bucket, key, etag, maxRejectedRows)
                : new LoadContext(loadId, bucket, key, etag, maxRejectedRows);
        exchange.setProperty(LoadContext.PROPERTY, load);
        Object content = exchange.getMessage().getBody();
        if (content instanceof ResumableObjectStream stream) {
            Long length = exchange.getMessage().getHeader(LENGTH_HEADER, Long.class);
            load.readingFrom(stream::position, length == null ? -1 : length);
        }
        inFlight.begun(load);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                inFlight.done(load);
                release(content);
                load.close();
            }
        });
        ledger.findLoad(bucket, key, etag).ifPresent(load::alreadyLoadedBy);
        if (!load.alreadyLoaded()) {
            s3Staging.ifPresent(staging -> load.stagingParts(staging.open(load.loadId())));
        }
        LOG.info("{} {}: {}", load.loadId(), key, load.alreadyLoaded() ? "already loaded by " + load.previousLoadId() : "loading");
    }

    /** Makes the staged rows visible in the target table, or finds the object was loaded meanwhile. */
    public void publish(@ExchangeProperty(LoadContext.PROPERTY) LoadContext load) throws SQLException {
        if (load.rowsRead() != load.rowsFiltered() + load.rowsRejected() + load.rowsStaged()) {
            throw new IllegalStateException("Row counts do not add up (read " + load.rowsRead() + ", filtered " + load.rowsFiltered()
                    + ", rejected " + load.rowsRejected() + ", staged " + load.rowsStaged() + "); nothing was loaded.");
        }
        List<String> columns = load.columns().names();
        StageCopy parts = stagedParts(load).isEmpty() ? StageCopy.NONE : s3Staging.orElseThrow().copy();
        Optional<String> earlier = ledger.publish(load.bucket(), load.key(), load.etag(), load.loadId(), columns, load.rowsStaged(), parts);
        if (earlier.isPresent()) {
            load.alreadyLoadedBy(earlier.get());
        } else {
            load.committed();
        }
    }

    /** Redshift's bulk path: the load's finished gzip parts, to upload before the publish; none for other loads. */
    public List<File> stagedParts(@ExchangeProperty(LoadContext.PROPERTY) LoadContext load) {
        return load == null || load.stagingParts() == null ? List.of() : load.stagingParts().finish().stream().map(Path::toFile).toList();
    }

    /** The object key a staged part is uploaded to. */
    public String stagedPartKey(@Body File part, @ExchangeProperty(LoadContext.PROPERTY) LoadContext load) {
        return s3Staging.orElseThrow().key(load.loadId(), part.toPath());
    }

    /** The object keys of the load's uploaded parts, to delete once the load is settled either way. */
    public List<String> stagedPartKeys(@ExchangeProperty(LoadContext.PROPERTY) LoadContext load) {
        return stagedParts(load).stream().map(part -> stagedPartKey(part, load)).toList();
    }

    /** Removes what a failed load staged; called from the dead-letter branch. */
    public void discard(@ExchangeProperty(LoadContext.PROPERTY) LoadContext load) throws SQLException {
        if (load != null && !load.isCommitted()) {
            load.discarded();
            ledger.discard(load.loadId());
        }
    }

    /** Stops reading an object body without downloading the rest of it. */
    private static void release(Object content) {
        if (content instanceof ResponseInputStream<?> response) {
            response.abort();
        }
        if (content instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                LOG.debug("Closing the object stream failed", e);
            }
        }
    }
}
