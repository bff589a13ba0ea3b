package io.s3redshiftloader.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3 object's body that survives a dropped connection: when a read fails part-way, the rest is fetched again from
 * the byte where it stopped (a ranged GET pinned to the object's ETag, so a replaced object is never spliced in), with
 * exponential backoff. A large file is read once, in order, without restarting its load. The retry budget is spent
 * only by failures in a row: a resumed read that makes progress earns it back.
 */
public final class ResumableObjectStream extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(ResumableObjectStream.class);
    private static final int PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String etag;
    /** The log context (the file's key and load id) of the step that opened the object. */
    private final Map<String, String> logContext;
    private final int retries;
    private final Duration firstDelay;
    private InputStream current;
    /** Read by the progress log from another thread. */
    private volatile long position;
    private int failuresInARow;

    public ResumableObjectStream(InputStream first, S3Client s3, String bucket, String key, String etag, int retries,
            Duration firstDelay) {
        this.current = first;
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.etag = etag;
        Map<String, String> context = MDC.getCopyOfContextMap();
        this.logContext = context == null ? Map.of() : context;
        this.retries = retries;
        this.firstDelay = firstDelay;
    }

    /** Bytes of the object delivered so far. */
    public long position() {
        return position;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            try {
                int read = current.read(buffer, offset, length);
                if (read > 0) {
                    position += read;
                    failuresInARow = 0;
                }
                return read;
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                resume(e);
            }
        }
    }

    private void resume(IOException failure) throws IOException {
        while (true) {
            failuresInARow++;
            if (failuresInARow > retries) {
                throw failure;
            }
            long delay = firstDelay.toMillis() << Math.min(failuresInARow - 1, 20);
            logStopped(failure, delay);
            pause(delay);
            abort(current);
            try {
                current = s3.getObject(request -> request.bucket(bucket).key(key).ifMatch(etag).range("bytes=" + position + "-"));
                return;
            } catch (S3Exception e) {
                if (e.statusCode() == PRECONDITION_FAILED) {
                    throw new IOException("the object was replaced while it was being read", e);
                }
                failure = new IOException(e.getMessage(), e);
            } catch (SdkException e) {
                failure = new IOException(e.getMessage(), e);
            }
        }
    }

    /** Read on whichever thread parses the file, which need not carry the file's MDC: the opening step's is put back. */
    private void logStopped(IOException failure, long delay) {
        Map<String, String> threads = MDC.getCopyOfContextMap();
        MDC.setContextMap(logContext);
        try {
            LOG.warn("Reading stopped at byte {} ({}); resuming from there in {} ms, retry {} of {}", position,
                    failure.getMessage(), delay, failuresInARow, retries);
        } finally {
            MDC.setContextMap(threads == null ? Map.of() : threads);
        }
    }

    private static void pause(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to resume the read");
        }
    }

    /** Drops a connection without downloading the rest of its body. */
    private static void abort(InputStream stream) {
        if (stream instanceof ResponseInputStream<?> response) {
            response.abort();
        }
        try {
            stream.close();
        } catch (IOException ignored) {
            // The connection is already broken; a new one replaces it.
        }
    }

    @Override
    public void close() {
        abort(current);
    }
}
