package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.it.Notifications.Notification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MAX_REJECTED_ROWS: up to the limit, bad rows are reported and the rest loads; over it, nothing of the file loads. */
class RejectedRowsIT {
    private static final String TWO_BAD_ROWS = """
            transaction_id,amount,transaction_ts
            OK1,900,2024-01-01T00:00:00Z
            BAD1,n/a,2024-01-01T00:00:00Z
            OK2,901,2024-01-01
            BAD2,902,yesterday
            ,903,2024-01-01T00:00:00Z
            """;

    @Test
    void rowsWithinTheLimitAreReportedAndTheRestLoads() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        TestStack.aws().putObject(scenario.bucket(), "incoming/some-bad.csv", TWO_BAD_ROWS.getBytes(StandardCharsets.UTF_8));

        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(with(scenario.environment(), "3")));

        assertEquals(List.of(List.of("OK1"), List.of("OK2")),
                TestStack.warehouse().query("SELECT transaction_id FROM " + scenario.table() + " ORDER BY 1"));
        List<String> report = TestStack.aws().getObjectAsString(scenario.bucket(), "rejected/incoming/some-bad.csv.rejects.csv").lines().toList();
        assertEquals(4, report.size(), String.join("\n", report));
        assertEquals(List.of("3", "5", "6"), report.stream().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList());
        SampleFileLoadsEndToEndIT.assertCounts(Notifications.receive(scenario.queueUrl(), 1).get(0).body(), 5, 0, 3, 2);
    }

    @Test
    void oneRejectTooManyDeadLettersTheWholeFile() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        TestStack.aws().putObject(scenario.bucket(), "incoming/too-bad.csv", TWO_BAD_ROWS.getBytes(StandardCharsets.UTF_8));

        assertEquals(1, SampleFileLoadsEndToEndIT.runOnce(with(scenario.environment(), "2")));

        assertEquals(List.of(), TestStack.warehouse().query("SELECT transaction_id FROM " + scenario.table()));
        assertEquals(List.of("failed/incoming/too-bad.csv", "failed/incoming/too-bad.csv.error.json"),
                TestStack.aws().listKeys(scenario.bucket(), "failed/"));
        Notification failed = Notifications.receive(scenario.queueUrl(), 1).get(0);
        assertEquals("FAILED", failed.statusAttribute());
        assertTrue(failed.body().path("error").asText().contains("MAX_REJECTED_ROWS"), failed.body().toString());
        assertEquals(0, failed.body().path("rowsLoaded").asLong());
        assertTrue(TestStack.aws().getObjectAsString(scenario.bucket(), "rejected/incoming/too-bad.csv.rejects.csv").contains("BAD2"));
    }

    private static Map<String, String> with(Map<String, String> environment, String maxRejectedRows) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("MAX_REJECTED_ROWS", maxRejectedRows);
        return env;
    }
}
