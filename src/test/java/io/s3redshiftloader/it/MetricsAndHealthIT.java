package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.local.FaultyLink;
import io.s3redshiftloader.local.LocalWarehouse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The loader as a monitored service: after known files, the Prometheus scrape holds their exact counts; readiness is
 * UP with the warehouse and S3 reachable and DOWN while either is not, while liveness stays UP.
 */
class MetricsAndHealthIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theScrapeCountsTheFilesAndRowsOfKnownLoads() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        TestStack.aws().putObject(scenario.bucket(), "incoming/counted.csv",
                "transaction_id,amount\nC1,750\nC2,20\nC3,abc\nC4,900.5\nC5,501\n".getBytes(StandardCharsets.UTF_8));
        TestStack.aws().putObject(scenario.bucket(), "incoming/broken.csv", "transaction_id,total\nB1,900\n".getBytes(StandardCharsets.UTF_8));
        LoaderHttp http = LoaderHttp.onFreePort();
        Map<String, String> env = new HashMap<>(scenario.environment());
        env.put("LOADER_HTTP_PORT", http.port());

        String scrape;
        try (LoaderProcess loader = LoaderProcess.start(env)) {
            assertEquals(2, Notifications.receive(scenario.queueUrl(), 2).size());
            loader.awaitUntil(WAIT, "both files settled in the metrics", () -> LoaderHttp.sample(http.get("/observe/metrics").body(),
                    "loader_load_duration_seconds_count{outcome=\"failed\"}").equals(Optional.of(1.0)));
            scrape = http.get("/observe/metrics").body();
        }

        assertEquals(1.0, value(scrape, "loader_files_total{outcome=\"succeeded\"}"));
        assertEquals(1.0, value(scrape, "loader_files_total{outcome=\"failed\"}"));
        assertEquals(0.0, value(scrape, "loader_files_total{outcome=\"skipped\"}"));
        assertEquals(5.0, value(scrape, "loader_rows_read_total"));
        assertEquals(1.0, value(scrape, "loader_rows_filtered_total"));
        assertEquals(1.0, value(scrape, "loader_rows_rejected_total"));
        assertEquals(3.0, value(scrape, "loader_rows_loaded_total"));
        assertEquals(1.0, value(scrape, "loader_load_duration_seconds_count{outcome=\"succeeded\"}"));
        assertTrue(scrape.contains("loader_load_duration_seconds_bucket{outcome=\"succeeded\",le=\"+Inf\"} 1"), scrape);
        assertEquals(0.0, value(scrape, "loader_files_in_flight"));
        assertEquals(0.0, value(scrape, "loader_retries_total"));
        assertTrue(scrape.contains("jvm_memory_used_bytes"), "JVM metrics are exposed too");
    }

    @Test
    void readinessIsDownWhileTheWarehouseIsUnreachableAndLivenessStaysUp() throws Exception {
        try (LocalWarehouse database = LocalWarehouse.start()) {
            TestStack.Scenario scenario = TestStack.scenario();
            LoaderHttp http = LoaderHttp.onFreePort();
            Map<String, String> env = new HashMap<>(scenario.environment(database.jdbcUrl()));
            env.put("LOADER_HTTP_PORT", http.port());
            env.put("LOADER_DB_CONNECT_TIMEOUT_MS", "1000");

            try (LoaderProcess loader = LoaderProcess.start(env)) {
                loader.awaitUntil(WAIT, "ready with everything up", () -> http.readiness().code() == 200);
                assertEquals("UP", http.readiness().state());

                database.stop();
                loader.awaitUntil(WAIT, "not ready while the database is down", () -> http.readiness().code() == 503);
                assertEquals(List.of("warehouse"), http.readiness().down());
                assertEquals(200, http.liveness().code(), "a database outage is no reason to restart the loader");

                database.restart();
                loader.awaitUntil(WAIT, "ready again once the database is back", () -> http.readiness().code() == 200);
            }
        }
    }

    @Test
    void readinessIsDownWhileS3IsUnreachable() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        LoaderHttp http = LoaderHttp.onFreePort();
        try (FaultyLink s3 = FaultyLink.to(TestStack.aws().endpoint().getPort())) {
            Map<String, String> env = new HashMap<>(scenario.environment());
            env.put("LOADER_HTTP_PORT", http.port());
            env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());

            try (LoaderProcess loader = LoaderProcess.start(env)) {
                loader.awaitUntil(WAIT, "ready with everything up", () -> http.readiness().code() == 200);

                s3.mode(FaultyLink.Mode.REFUSE);
                loader.awaitUntil(WAIT, "not ready while S3 refuses connections", () -> http.readiness().code() == 503);
                assertEquals(List.of("bucket"), http.readiness().down());
                assertEquals(200, http.liveness().code());

                s3.mode(FaultyLink.Mode.PASS);
                loader.awaitUntil(WAIT, "ready again once S3 answers", () -> http.readiness().code() == 200);
            }
        }
    }

    private static double value(String scrape, String series) {
        return LoaderHttp.sample(scrape, series).orElseThrow(() -> new AssertionError(series + " is not in the scrape:\n" + scrape));
    }
}
