package io.s3redshiftloader.load;

import io.s3redshiftloader.notify.LoadOutcome.Status;
import io.s3redshiftloader.notify.LoadOutcome;
import io.s3redshiftloader.routes.ExchangeProperties;
import io.s3redshiftloader.s3.ObjectKeys;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides each file's outcome, logs its one-line summary, tells the listener (the metrics), and keeps the tally the
 * run-once exit code is made from.
 */
public final class Outcomes {
    private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);

    private final String bucket;
    private final String table;
    private final ObjectKeys keys;
    private final ErrorSentences errors;
    private final LoadListener listener;
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();

    public Outcomes(String bucket, String table, ObjectKeys keys, ErrorSentences errors, LoadListener listener) {
        this.bucket = bucket;
        this.table = table;
        this.keys = keys;
        this.errors = errors;
        this.listener = listener;
    }

    /** A load that got through its commit: SUCCEEDED, or SKIPPED when the object had been loaded before. */
    public void finished(Exchange exchange) {
        LoadContext load = exchange.getProperty(ExchangeProperties.LOAD_CONTEXT, LoadContext.class);
        Status status = load.alreadyLoaded() ? Status.SKIPPED : Status.SUCCEEDED;
        boolean loaded = status == Status.SUCCEEDED;
        long rejected = loaded ? load.rowsRejected() : 0;
        record(exchange, new LoadOutcome(status, bucket, load.key(), table, loaded ? load.rowsRead() : 0,
                loaded ? load.rowsFiltered() : 0, rejected, loaded ? load.rowsWritten() : 0,
                rejected > 0 ? keys.rejects(load.key()) : null, loaded ? load.loadId() : load.previousLoadId(),
                load.durationMs(), null, null));
    }

    /** A load that failed: nothing of it stays in the table; the counts say how far it got. */
    public void failed(Exchange exchange) {
        LoadContext load = exchange.getProperty(ExchangeProperties.LOAD_CONTEXT, LoadContext.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String key = load != null ? load.key() : exchange.getProperty(ExchangeProperties.OBJECT_KEY, String.class);
        String error = cause == null ? "The load failed for an unknown reason." : errors.describe(cause);
        LOG.debug("Load of {} failed", key, cause);
        long read = load == null ? 0 : load.rowsRead();
        long filtered = load == null ? 0 : load.rowsFiltered();
        long rejected = load == null ? 0 : load.rowsRejected();
        record(exchange, new LoadOutcome(Status.FAILED, bucket, key, table, read, filtered, rejected, 0,
                rejected > 0 ? keys.rejects(key) : null, load == null ? null : load.loadId(), load == null ? 0 : load.durationMs(),
                error, keys.errorReport(key)));
    }

    private void record(Exchange exchange, LoadOutcome outcome) {
        exchange.setProperty(ExchangeProperties.LOAD_OUTCOME, outcome);
        finished.incrementAndGet();
        listener.settled(outcome);
        if (outcome.status() == Status.FAILED) {
            failed.incrementAndGet();
            LOG.warn(outcome.summary());
        } else {
            LOG.info(outcome.summary());
        }
    }

    public int filesFailed() {
        return failed.get();
    }

    public int filesFinished() {
        return finished.get();
    }
}
