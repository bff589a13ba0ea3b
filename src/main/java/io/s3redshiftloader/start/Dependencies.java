package io.s3redshiftloader.start;

import io.s3redshiftloader.load.ErrorSentences;
import io.s3redshiftloader.schema.TableSchema;
import io.s3redshiftloader.warehouse.TableSetupException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up against S3 and a database that may not answer yet: S3 must list the prefix, and the database must take the
 * tables' preparation. Each attempt that fails logs one line naming the endpoint and the cause, and is tried again with
 * exponential backoff: for as long as it takes (a service), or within the retry budget (run-once).
 */
public final class Dependencies {
    private static final Logger LOG = LoggerFactory.getLogger(Dependencies.class);
    /** Backoff stops growing here: a dependency that comes back is noticed within this long. */
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final Probe bucket;
    private final String bucketAt;
    private final Preparation preparation;
    private final String databaseAt;
    private final ErrorSentences errors;

    /** What S3 is asked at start-up: it returns when S3 answers. */
    public interface Probe {
        void call() throws Exception;
    }

    /** The tables' preparation, returning the target's schema. */
    public interface Preparation {
        TableSchema prepare() throws SQLException;
    }

    public Dependencies(Probe bucket, String bucketAt, Preparation preparation, String databaseAt, ErrorSentences errors) {
        this.bucket = bucket;
        this.bucketAt = bucketAt;
        this.preparation = preparation;
        this.databaseAt = databaseAt;
        this.errors = errors;
    }

    /**
     * Waits until both answer and returns the prepared schema.
     *
     * @param retries how many times a failed attempt is tried again; negative: without end
     * @throws Unavailable when the retries are used up, naming the endpoint and the cause in one line
     * @throws TableSetupException when the database answers that a setting is wrong (no retry mends that)
     */
    public TableSchema await(int retries, Duration firstDelay) throws Unavailable, InterruptedException {
        long delay = Math.max(100, firstDelay.toMillis());
        for (int attempt = 1; ; attempt++) {
            String fault = null;
            try {
                bucket.call();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                fault = "S3 at " + bucketAt + " did not answer: " + cause(e);
            }
            if (fault == null) {
                try {
                    return preparation.prepare();
                } catch (SQLException e) {
                    fault = "the database at " + databaseAt + " did not answer: " + cause(e);
                }
            }
            if (retries >= 0 && attempt > retries) {
                throw new Unavailable(errors.mask("Gave up after " + attempt + " attempt(s) to start: " + fault));
            }
            LOG.warn("Starting: {}; retrying in {} ms", errors.mask(fault), delay);
            Thread.sleep(delay);
            delay = Math.min(delay * 2, MAX_DELAY.toMillis());
        }
    }

    /** The cause in a few words when it is a network fault, as an operator would search for it; else the driver's or SDK's line. */
    static String cause(Throwable fault) {
        for (Throwable cause = fault; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host " + cause.getMessage();
            }
            if (cause instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (cause instanceof SocketTimeoutException) {
                return "connection timed out";
            }
        }
        Throwable telling = fault;
        for (Throwable cause = fault.getCause(); cause != null; cause = cause.getCause()) {
            // A pool wraps the driver's own, more telling, exception.
            if (cause instanceof SQLException) {
                telling = cause;
            }
        }
        String message = telling.getMessage() == null ? telling.getClass().getSimpleName() : telling.getMessage();
        return message.strip().lines().findFirst().orElse("");
    }

    /** A dependency did not answer within the retry budget. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }
}
