package io.s3redshiftloader.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.s3redshiftloader.load.LoadListener;
import io.s3redshiftloader.load.LoadsInFlight;
import io.s3redshiftloader.notify.LoadOutcome;
import java.time.Duration;
import java.util.Locale;

/**
 * The loader's own meters, named here and nowhere else. Prometheus shows them as {@code loader_files_total{outcome}},
 * {@code loader_rows_read_total}, {@code loader_rows_filtered_total}, {@code loader_rows_rejected_total},
 * {@code loader_rows_loaded_total}, {@code loader_load_duration_seconds{outcome}} (a histogram),
 * {@code loader_files_in_flight} and {@code loader_retries_total}. Rows are counted when a file is settled, as its
 * notification reports them, so a failed file adds the rows it read but none loaded.
 */
public final class LoadMetrics implements LoadListener {
    private final MeterRegistry registry;
    private final Counter rowsRead;
    private final Counter rowsFiltered;
    private final Counter rowsRejected;
    private final Counter rowsLoaded;
    private final Counter retries;

    public LoadMetrics(MeterRegistry registry, LoadsInFlight inFlight) {
        this.registry = registry;
        this.rowsRead = rows(registry, "read", "CSV records read from settled files");
        this.rowsFiltered = rows(registry, "filtered", "rows the filter did not keep");
        this.rowsRejected = rows(registry, "rejected", "rows rejected as invalid, written to the rejects report");
        this.rowsLoaded = rows(registry, "loaded", "rows committed to the table");
        this.retries = Counter.builder("loader.retries").description("retries of a database, S3 or SNS step")
                .register(registry);
        Gauge.builder("loader.files.in.flight", inFlight, LoadsInFlight::count).description("files being loaded now")
                .register(registry);
        for (LoadOutcome.Status status : LoadOutcome.Status.values()) {
            files(status);
            duration(status);
        }
    }

    /** Counts a settled file: its outcome, its rows and how long it took. */
    @Override
    public void settled(LoadOutcome outcome) {
        files(outcome.status()).increment();
        duration(outcome.status()).record(Duration.ofMillis(outcome.durationMs()));
        rowsRead.increment(outcome.rowsRead());
        rowsFiltered.increment(outcome.rowsFiltered());
        rowsRejected.increment(outcome.rowsRejected());
        rowsLoaded.increment(outcome.rowsLoaded());
    }

    public void retried() {
        retries.increment();
    }

    private Counter files(LoadOutcome.Status status) {
        return Counter.builder("loader.files").description("files settled, by outcome").tag("outcome", tag(status))
                .register(registry);
    }

    private Timer duration(LoadOutcome.Status status) {
        return Timer.builder("loader.load.duration").description("time from fetching a file to its outcome")
                .tag("outcome", tag(status)).publishPercentileHistogram().register(registry);
    }

    private static Counter rows(MeterRegistry registry, String kind, String description) {
        return Counter.builder("loader.rows." + kind).description(description).register(registry);
    }

    private static String tag(LoadOutcome.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
