package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.local.FaultyLink;
import io.s3redshiftloader.local.LocalAws;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Start-up while S3 or the database does not answer: a service starts anyway (live, not ready, retrying) and loads once
 * the dependency answers; run-once gives up after its retry budget with exit 1 and one line naming the endpoint and
 * the cause. Nothing is created in the database before it answers.
 */
class StartupIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final TransactionsFile FILE = new TransactionsFile("S", 200);

    @Test
    void aServiceStartsWhileS3DoesNotAnswerAndLoadsOnceItDoes() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        TestStack.aws().putObject(scenario.bucket(), "incoming/early.csv", FILE.bytes());
        LoaderHttp http = LoaderHttp.onFreePort();
        try (FaultyLink s3 = FaultyLink.to(TestStack.aws().endpoint().getPort())) {
            s3.mode(FaultyLink.Mode.REFUSE);
            Map<String, String> env = service(scenario, http);
            env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());

            try (LoaderProcess loader = LoaderProcess.start(env)) {
                loader.awaitUntil(WAIT, "S3 is retried at start", () -> loader.output().contains("Starting: S3 at s3://" + scenario.bucket()
                        + "/incoming/ (" + s3.endpoint() + ") did not answer: "));
                loader.awaitUntil(WAIT, "the health endpoints answer", () -> http.liveness().code() == 200);
                assertEquals(503, http.readiness().code());
                assertTrue(http.readiness().down().containsAll(List.of("intake", "bucket")), http.readiness().body());
                assertTrue(loader.isAlive());
                assertFalse(TestStack.warehouse().query("SELECT 1 FROM information_schema.tables WHERE table_schema = '"
                        + schema(scenario) + "'").size() > 0, "nothing is created before S3 answers");

                s3.mode(FaultyLink.Mode.PASS);
                loader.awaitUntil(WAIT, "the file is loaded", () -> TestStack.aws().listKeys(scenario.bucket(), "processed/")
                        .contains("processed/incoming/early.csv"));
                loader.awaitUntil(WAIT, "ready", () -> http.readiness().code() == 200);
            }
        }
        assertEquals(FILE.loadedIds(), Tables.transactionIds(TestStack.warehouse(), scenario.table()));
        assertEquals("SUCCEEDED", Notifications.receive(scenario.queueUrl(), 1).get(0).statusAttribute());
    }

    @Test
    void aServiceStartsWhileTheDatabaseDoesNotAnswerAndLoadsOnceItDoes() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        TestStack.aws().putObject(scenario.bucket(), "incoming/early.csv", FILE.bytes());
        LoaderHttp http = LoaderHttp.onFreePort();
        try (FaultyLink database = FaultyLink.to(TestStack.warehouse().port())) {
            database.mode(FaultyLink.Mode.REFUSE);
            Map<String, String> env = service(scenario, http);
            env.put("REDSHIFT_JDBC_URL", TestStack.warehouse().jdbcUrl().replace(":" + TestStack.warehouse().port() + "/",
                    ":" + database.port() + "/"));
            env.put("LOADER_DB_CONNECT_TIMEOUT_MS", "500");

            try (LoaderProcess loader = LoaderProcess.start(env)) {
                loader.awaitUntil(WAIT, "the database is retried at start", () -> loader.output().contains(
                        "Starting: the database at 127.0.0.1:" + database.port() + " did not answer: "));
                loader.awaitUntil(WAIT, "the health endpoints answer", () -> http.liveness().code() == 200);
                assertEquals(503, http.readiness().code());
                assertTrue(http.readiness().down().contains("intake"), http.readiness().body());
                assertEquals(List.of("incoming/early.csv"), TestStack.aws().listKeys(scenario.bucket(), "incoming/"), "not taken yet");

                database.mode(FaultyLink.Mode.PASS);
                loader.awaitUntil(WAIT, "the file is loaded", () -> TestStack.aws().listKeys(scenario.bucket(), "processed/")
                        .contains("processed/incoming/early.csv"));
            }
        }
        assertEquals(FILE.loadedIds(), Tables.transactionIds(TestStack.warehouse(), scenario.table()));
    }

    @Test
    void runOnceGivesUpWhenTheDatabaseRefusesSayingSoWithItsAddress() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        Map<String, String> env = runOnce(scenario);
        env.put("REDSHIFT_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/db");
        env.put("LOADER_DB_CONNECT_TIMEOUT_MS", "500");

        LoaderJarIT.Result result = LoaderJarIT.runJar(env);

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().lines().anyMatch(line -> line.equals(
                "The loader stopped: Gave up after 2 attempt(s) to start: the database at 127.0.0.1:1 did not answer: connection refused")),
                result.output());
        assertFalse(result.output().contains("Connection is not available"), result.output());
    }

    @Test
    void runOnceGivesUpWhenS3RefusesSayingSoWithItsEndpoint() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        Map<String, String> env = runOnce(scenario);
        String nowhere = "http://127.0.0.1:" + LocalAws.freePort();
        env.put("AWS_ENDPOINT_URL_S3", nowhere);

        LoaderJarIT.Result result = LoaderJarIT.runJar(env);

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().lines().anyMatch(line -> line.equals("The loader stopped: Gave up after 2 attempt(s) to start: S3 at s3://"
                + scenario.bucket() + "/incoming/ (" + nowhere + ") did not answer: connection refused")), result.output());
        assertFalse(result.output().contains("Failed to start route"), result.output());
    }

    private static Map<String, String> service(TestStack.Scenario scenario, LoaderHttp http) {
        Map<String, String> env = new HashMap<>(scenario.environment());
        env.put("LOADER_HTTP_PORT", http.port());
        env.put("LOADER_POLL_INTERVAL_MS", "300");
        env.put("LOADER_RETRY_DELAY_MS", "200");
        return env;
    }

    private static Map<String, String> runOnce(TestStack.Scenario scenario) {
        Map<String, String> env = new HashMap<>(scenario.environment());
        env.put("LOADER_RUN_ONCE", "true");
        env.put("LOADER_RETRY_ATTEMPTS", "1");
        return env;
    }

    private static String schema(TestStack.Scenario scenario) {
        return scenario.table().substring(0, scenario.table().indexOf('.'));
    }
}
