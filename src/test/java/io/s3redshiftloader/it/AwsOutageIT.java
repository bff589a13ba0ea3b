package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.it.Notifications.Notification;
import io.s3redshiftloader.local.FaultyLink;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SNS or S3 failing after a file was loaded: the load stays committed exactly once, the failing call is retried with
 * backoff, and nothing is loaded a second time. The loader reaches the emulator through a link the test cuts.
 */
class AwsOutageIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String KEY = "incoming/outage.csv";
    private static final TransactionsFile FILE = new TransactionsFile("A", 200);

    @Test
    void snsUnreachableForAWhileTheNotificationIsRetriedAndTheFileLoadedOnce() throws Exception {
        TestStack.Scenario scenario = scenarioWithFile();
        try (FaultyLink sns = FaultyLink.to(TestStack.aws().endpoint().getPort())) {
            Map<String, String> env = runOnce(scenario, "4", "500");
            env.put("AWS_ENDPOINT_URL_SNS", sns.endpoint().toString());
            sns.mode(FaultyLink.Mode.REFUSE);

            try (LoaderProcess loader = LoaderProcess.start(env)) {
                loader.awaitUntil(WAIT, "the notification is retried", () -> loader.output().contains("retry 1 of 4"));
                sns.mode(FaultyLink.Mode.PASS);
                assertEquals(0, loader.awaitExit(120), loader.output());
                assertTrue(loader.logged(KEY, "] to[aws2-sns:"), loader.output());
            }
        }
        assertLoadedOnceAndMoved(scenario);
        Notification notification = Notifications.receive(scenario.queueUrl(), 1).get(0);
        assertEquals("SUCCEEDED", notification.statusAttribute());
        assertEquals(List.of(), TestStack.aws().receiveWithin(scenario.queueUrl(), Duration.ofSeconds(1)), "one notification only");
    }

    @Test
    void snsDownBeyondTheRetryBudgetLeavesTheLoadCommittedAndNeverLoadsTheFileAgain() throws Exception {
        TestStack.Scenario scenario = scenarioWithFile();
        try (FaultyLink sns = FaultyLink.to(TestStack.aws().endpoint().getPort())) {
            Map<String, String> env = runOnce(scenario, "1", "100");
            env.put("AWS_ENDPOINT_URL_SNS", sns.endpoint().toString());
            sns.mode(FaultyLink.Mode.REFUSE);

            try (LoaderProcess loader = LoaderProcess.start(env)) {
                assertEquals(0, loader.awaitExit(120), loader.output());
                assertTrue(loader.logged(KEY, "] notify failed after retries"), loader.output());
            }
            sns.mode(FaultyLink.Mode.PASS);
            try (LoaderProcess again = LoaderProcess.start(env)) {
                assertEquals(0, again.awaitExit(120), again.output());
            }
        }
        assertLoadedOnceAndMoved(scenario);
        assertEquals(List.of(), TestStack.aws().receiveWithin(scenario.queueUrl(), Duration.ofSeconds(1)));
    }

    @Test
    void s3FailingToMoveTheLoadedFileLeavesItForTheNextRunWhichSkipsAndMovesIt() throws Exception {
        TestStack.Scenario scenario = scenarioWithFile();
        try (FaultyLink s3 = FaultyLink.to(TestStack.aws().endpoint().getPort())) {
            Map<String, String> env = runOnce(scenario, "2", "100");
            env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());

            try (DatabaseGate gate = DatabaseGate.beforeInsert(TestStack.warehouse(), scenario.ledger(), "true");
                    LoaderProcess loader = LoaderProcess.start(env)) {
                // Read and written; from the commit on, S3 refuses every connection.
                gate.awaitHeld(WAIT);
                s3.mode(FaultyLink.Mode.REFUSE);
                gate.open();
                // Loaded, but with S3 down the run cannot confirm the prefix is drained: exit 1 says so.
                assertEquals(1, loader.awaitExit(120), loader.output());
                assertTrue(loader.logged(KEY, "] move-object failed after retries"), loader.output());
                assertTrue(loader.output().contains("Could not list the incoming prefix"), loader.output());
            }
            assertEquals(FILE.loadedIds(), loadedIds(scenario), "committed once");
            assertEquals(List.of(KEY), TestStack.aws().listKeys(scenario.bucket(), "incoming/"), "left in place");
            assertEquals("SUCCEEDED", Notifications.receive(scenario.queueUrl(), 1).get(0).statusAttribute());

            s3.mode(FaultyLink.Mode.PASS);
            try (LoaderProcess again = LoaderProcess.start(env)) {
                assertEquals(0, again.awaitExit(120), again.output());
            }
        }
        assertLoadedOnceAndMoved(scenario);
        assertEquals("SKIPPED", Notifications.receive(scenario.queueUrl(), 1).get(0).statusAttribute());
    }

    @Test
    void anS3DownloadCutPartWayResumesWhereItStoppedAndLoadsTheFileOnce() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(scenario.environment()), "creates the tables");
        TransactionsFile large = new TransactionsFile("R", 100_000);
        TestStack.aws().putObject(scenario.bucket(), KEY, large.bytes());
        try (FaultyLink s3 = FaultyLink.to(TestStack.aws().endpoint().getPort())) {
            Map<String, String> env = runOnce(scenario, "3", "100");
            env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
            s3.cutNextResponseAfter(1024 * 1024);

            try (LoaderProcess loader = LoaderProcess.start(env)) {
                assertEquals(0, loader.awaitExit(120), loader.output());
                assertTrue(loader.logged(KEY, "] Reading stopped at byte "), loader.output());
            }
        }
        assertEquals(large.loadedIds(), Tables.transactionIds(TestStack.warehouse(), scenario.table()));
        Notification notification = Notifications.receive(scenario.queueUrl(), 1).get(0);
        SampleFileLoadsEndToEndIT.assertCounts(notification.body(), 100_000, 50_000, 0, 50_000);
    }

    private static TestStack.Scenario scenarioWithFile() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(scenario.environment()), "creates the tables");
        TestStack.aws().putObject(scenario.bucket(), KEY, FILE.bytes());
        return scenario;
    }

    private static Map<String, String> runOnce(TestStack.Scenario scenario, String retryAttempts, String retryDelayMs) {
        Map<String, String> env = new HashMap<>(scenario.environment());
        env.put("LOADER_RUN_ONCE", "true");
        env.put("LOADER_RETRY_ATTEMPTS", retryAttempts);
        env.put("LOADER_RETRY_DELAY_MS", retryDelayMs);
        return env;
    }

    private static void assertLoadedOnceAndMoved(TestStack.Scenario scenario) {
        assertEquals(FILE.loadedIds(), loadedIds(scenario));
        assertEquals(1, Tables.count(TestStack.warehouse(), scenario.ledger()));
        assertEquals(List.of("processed/" + KEY), TestStack.aws().listKeys(scenario.bucket(), "processed/"));
        assertEquals(List.of(), TestStack.aws().listKeys(scenario.bucket(), "incoming/"));
    }

    private static List<String> loadedIds(TestStack.Scenario scenario) {
        return Tables.transactionIds(TestStack.warehouse(), scenario.table());
    }
}
