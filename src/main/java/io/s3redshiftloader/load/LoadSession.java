package io.s3redshiftloader.load;

import io.s3redshiftloader.routes.ExchangeProperties;
import io.s3redshiftloader.s3.ResumableObjectStream;
import io.s3redshiftloader.warehouse.LoadLedger;
import io.s3redshiftloader.warehouse.TableLoads;
import java.io.Closeable;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * One attempt at loading a file: begins it (load id, a look in the ledger), commits it in one transaction, and ends it
 * either way (rolled back unless committed, connection returned, object stream released). A transient fault ends the
 * attempt and the whole file is tried again from its first byte.
 */
public final class LoadSession {
    private static final Logger LOG = LoggerFactory.getLogger(LoadSession.class);
    /** Headers the aws2-s3 getObject operation sets. */
    private static final String KEY_HEADER = "CamelAwsS3Key";
    private static final String ETAG_HEADER = "CamelAwsS3ETag";
    private static final String LENGTH_HEADER = "CamelAwsS3ContentLength";
    /** The attempt's id the route sets, so the load, its ledger entry and its log lines share it. */

    private final LoadLedger ledger;
    private final TableLoads loads;
    private final String bucket;
    private final long maxRejectedRows;
    private final LoadsInFlight inFlight;

    public LoadSession(LoadLedger ledger, TableLoads loads, String bucket, long maxRejectedRows, LoadsInFlight inFlight) {
        this.ledger = ledger;
        this.loads = loads;
        this.bucket = bucket;
        this.maxRejectedRows = maxRejectedRows;
        this.inFlight = inFlight;
    }

    /** Creates the attempt's context from the fetched object, counts it in flight, and looks the object up in the ledger. */
    public void begin(Exchange exchange) throws SQLException {
        String key = exchange.getMessage().getHeader(KEY_HEADER, String.class);
        String etag = exchange.getMessage().getHeader(ETAG_HEADER, String.class);
        String loadId = exchange.getProperty(ExchangeProperties.LOAD_ID, String.class);
        LoadContext load = loadId == null ? new LoadContext(bucket, key, etag, maxRejectedRows)
                : new LoadContext(loadId, bucket, key, etag, maxRejectedRows);
        exchange.setProperty(ExchangeProperties.LOAD_CONTEXT, load);
        Object content = exchange.getMessage().getBody();
        if (content instanceof ResumableObjectStream stream) {
            Long length = exchange.getMessage().getHeader(LENGTH_HEADER, Long.class);
            load.readingFrom(stream::position, length == null ? -1 : length);
        }
        load.readingSource(() -> release(content));
        inFlight.begun(load);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                load.close();
            }
        });
        ledger.findLoad(bucket, key, etag).ifPresent(load::alreadyLoadedBy);
        LOG.info(load.alreadyLoaded() ? "Already loaded by " + load.previousLoadId() : "Loading");
    }

    /** Makes the file's rows visible in the table with its ledger entry, or finds the object was loaded meanwhile. */
    public void commit(@ExchangeProperty(ExchangeProperties.LOAD_CONTEXT) LoadContext load) throws SQLException {
        if (load.rowsRead() != load.rowsFiltered() + load.rowsRejected() + load.rowsWritten()) {
            throw new IllegalStateException("Row counts do not add up (read " + load.rowsRead() + ", filtered " + load.rowsFiltered()
                    + ", rejected " + load.rowsRejected() + ", written " + load.rowsWritten() + "); nothing was loaded.");
        }
        if (inFlight.abandoned()) {
            throw new IllegalStateException("The loader stopped before the load finished; it was rolled back.");
        }
        Optional<String> earlier = load.tableLoad(loads).commit();
        if (earlier.isPresent()) {
            load.alreadyLoadedBy(earlier.get());
        } else {
            load.committed();
        }
    }

    /**
     * Ends the attempt, whether it committed or failed. A failure in ending it never hides the failure that led here:
     * it is added to that one as suppressed. After a commit it changes nothing, so it is only logged.
     */
    public void end(Exchange exchange) {
        LoadContext load = exchange.getProperty(ExchangeProperties.LOAD_CONTEXT, LoadContext.class);
        if (load == null) {
            return;
        }
        inFlight.done(load);
        try {
            load.end();
        } catch (SQLException | RuntimeException e) {
            Exception failure = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            if (failure != null && !load.isCommitted()) {
                failure.addSuppressed(e);
            } else {
                LOG.warn("Ending the load's transaction failed ({})", e.getClass().getSimpleName());
            }
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
