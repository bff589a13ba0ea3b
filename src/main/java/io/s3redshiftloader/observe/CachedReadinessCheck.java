package io.s3redshiftloader.observe;

import io.s3redshiftloader.load.ErrorSentences;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A readiness check that probes its dependency on a thread of its own, one probe at a time, every {@code interval}
 * after the last one ended, and answers from the last result: a probe that hangs on a dead database never makes the
 * readiness endpoint slow (an orchestrator's probe timeout is often 1 s), and a storm of probes costs the dependency
 * nothing. Only the masked reason goes into the result (no exception, no stack trace), because the health endpoint
 * shows it to anyone who asks.
 */
abstract class CachedReadinessCheck extends AbstractHealthCheck implements AutoCloseable {
    static final String NOT_PROBED_YET = "Not probed yet";

    private final Duration interval;
    private final ErrorSentences errors;
    private final ScheduledExecutorService prober;
    /** Null while the last probe succeeded. */
    private volatile String downReason = NOT_PROBED_YET;

    CachedReadinessCheck(String id, Duration interval, ErrorSentences errors) {
        super("loader", id);
        this.interval = interval;
        this.errors = errors;
        this.prober = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "readiness-" + id);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reaches the dependency; returns normally when it answers. */
    protected abstract void probe() throws Exception;

    /** Probes now, then every interval after each probe ends. */
    public void start() {
        prober.scheduleWithFixedDelay(this::probeOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void probeOnce() {
        try {
            probe();
            downReason = null;
        } catch (Exception e) {
            downReason = errors.mask(errors.reason(e));
        }
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String reason = downReason;
        if (reason == null) {
            builder.up();
        } else {
            builder.message(reason).down();
        }
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
