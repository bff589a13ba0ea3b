package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.LoaderApplication;
import io.s3redshiftloader.it.Notifications.Notification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without LOADER_RUN_ONCE the loader keeps polling: a file dropped while it runs is loaded on the next poll. */
class PollingLoaderIT {

    @Test
    void aFileDroppedWhileRunningIsLoadedWithinThePollInterval() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        Map<String, String> env = new java.util.HashMap<>(scenario.environment());
        env.put("LOADER_POLL_INTERVAL_MS", "1000");
        LoaderApplication loader = new LoaderApplication(TestStack.Scenario.settings(env), Map.of());
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = runner.submit(loader::run);
            awaitTable(scenario.table());

            TestStack.aws().putObject(scenario.bucket(), "incoming/late.csv",
                    "transaction_id,amount\nL1,750\nL2,20\n".getBytes(StandardCharsets.UTF_8));
            Notification first = Notifications.receive(scenario.queueUrl(), 1).get(0);
            assertEquals("SUCCEEDED", first.statusAttribute());
            assertEquals(List.of(List.of("L1")), TestStack.warehouse().query("SELECT transaction_id FROM " + scenario.table()));

            TestStack.aws().putObject(scenario.bucket(), "incoming/later.csv",
                    "transaction_id,amount\nL3,501\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("incoming/later.csv", Notifications.receive(scenario.queueUrl(), 1).get(0).body().path("key").asText());
            assertEquals(List.of(List.of("L1"), List.of("L3")),
                    TestStack.warehouse().query("SELECT transaction_id FROM " + scenario.table() + " ORDER BY 1"));

            loader.stop();
            assertEquals(0, exit.get(30, TimeUnit.SECONDS), "a stopped loader exits cleanly");
            assertTrue(TestStack.aws().listKeys(scenario.bucket(), "incoming/").isEmpty());
        } finally {
            loader.stop();
            runner.shutdownNow();
        }
    }

    /** The loader is polling once it has created its table. */
    private static void awaitTable(String table) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String schema = table.substring(0, table.indexOf('.'));
            if (!TestStack.warehouse().query("SELECT 1 FROM information_schema.tables WHERE table_schema = '" + schema
                    + "' AND table_name = 'transactions'").isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The loader did not create " + table + " within 30 s");
    }
}
