package io.s3redshiftloader.load;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With LOADER_RUN_ONCE=true: each waiting file gets one attempt in this run, and once none is left the process stops
 * with exit code 0 (all SUCCEEDED or SKIPPED) or 1 (any FAILED, or the prefix could not be listed). Without it, every poll passes all files through.
 */
public final class RunOnce {
    private static final Logger LOG = LoggerFactory.getLogger(RunOnce.class);

    private final boolean enabled;
    private final Outcomes outcomes;
    private final ErrorSentences errors;
    private final Runnable stop;
    private final Set<String> attempted = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean listingFailed = new AtomicBoolean();

    public RunOnce(boolean enabled, Outcomes outcomes, ErrorSentences errors, Runnable stop) {
        this.enabled = enabled;
        this.outcomes = outcomes;
        this.errors = errors;
        this.stop = stop;
    }

    /** The keys to load in this poll; in run-once mode, stops the process when there are none. */
    public List<String> toLoad(List<String> waiting) {
        if (!enabled) {
            return waiting;
        }
        List<String> fresh = waiting.stream().filter(attempted::add).toList();
        if (fresh.isEmpty()) {
            LOG.info("Run once: {} file(s) handled, {} failed; stopping", outcomes.filesFinished(), outcomes.filesFailed());
            stop.run();
        }
        return fresh;
    }

    /** The prefix could not be listed even after the S3 client's retries: nothing to load in this poll. */
    public List<String> listingFailed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("Could not list the incoming prefix: {}", errors.describe(cause));
        listingFailed.set(true);
        return List.of();
    }

    public int exitCode() {
        return outcomes.filesFailed() > 0 || listingFailed.get() ? 1 : 0;
    }
}
