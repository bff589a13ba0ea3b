package io.s3redshiftloader.observe;

import io.s3redshiftloader.load.LoadContext;
import io.s3redshiftloader.load.LoadsInFlight;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every interval, one INFO line per file that has been loading for at least that long: rows read so far, the rate, and
 * how much of the object has been read when its size is known. It reads the loads' counters from its own thread, so the
 * load itself pays nothing for it.
 */
public final class ProgressLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    private final LoadsInFlight inFlight;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "load-progress");
        thread.setDaemon(true);
        return thread;
    });

    public ProgressLog(LoadsInFlight inFlight, Duration interval) {
        this.inFlight = inFlight;
        this.interval = interval;
    }

    public void start() {
        timer.scheduleAtFixedRate(this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void report() {
        for (LoadContext load : inFlight.snapshot()) {
            if (load.durationMs() >= interval.toMillis()) {
                try (FileMdc mdc = FileMdc.of(load.loadId(), load.key())) {
                    LOG.info(line(load));
                }
            }
        }
    }

    static String line(LoadContext load) {
        long rows = load.rowsRead();
        long elapsedMs = Math.max(1, load.durationMs());
        String text = rows + " rows read so far, " + rows * 1000 / elapsedMs + " rows/s";
        long size = load.objectSize();
        return size > 0 ? text + ", " + Math.min(100, load.bytesRead() * 100 / size) + "% of " + size + " bytes" : text;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
