package io.s3redshiftloader.observe;

import io.s3redshiftloader.load.ErrorSentences;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A readiness check that probes a dependency at most once per {@code maxAge}: a storm of probes costs the dependency
 * one call. Only the masked reason goes into the result (no exception, no stack trace), because the health endpoint
 * shows it to anyone who asks.
 */
abstract class CachedReadinessCheck extends AbstractHealthCheck {
    private final Duration maxAge;
    private final ErrorSentences errors;
    private long checkedAt;
    private String downReason;
    private boolean checked;

    CachedReadinessCheck(String id, Duration maxAge, ErrorSentences errors) {
        super("loader", id);
        this.maxAge = maxAge;
        this.errors = errors;
    }

    /** Reaches the dependency; returns normally when it answers. */
    protected abstract void probe() throws Exception;

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String reason = downReason();
        if (reason == null) {
            builder.up();
        } else {
            builder.message(reason).down();
        }
    }

    /** Null when the dependency answered within maxAge; otherwise why it did not. */
    private synchronized String downReason() {
        if (!checked || System.nanoTime() - checkedAt >= maxAge.toNanos()) {
            try {
                probe();
                downReason = null;
            } catch (Exception e) {
                downReason = errors.mask(errors.reason(e));
            }
            checkedAt = System.nanoTime();
            checked = true;
        }
        return downReason;
    }
}
