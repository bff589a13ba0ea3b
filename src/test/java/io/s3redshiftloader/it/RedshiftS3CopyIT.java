package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.LoaderApplication;
import io.s3redshiftloader.it.Notifications.Notification;
import io.s3redshiftloader.local.RedshiftStartupRelay;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Redshift's bulk path, up to what a local stand-in allows: through the Redshift driver, large chunks become gzip CSV
 * parts in S3, the publish runs the exact COPY statement (played by {@link S3CopyStandIn} on PostgreSQL) inside its
 * transaction, and the parts are deleted afterwards, whether the load committed or failed. That Redshift itself reads
 * the parts as the stand-in does is only verified on a real cluster.
 */
class RedshiftS3CopyIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/redshift-copy";
    private static final String HEADER = "transaction_id,account_id,amount,currency,transaction_ts,merchant,category\n";

    @Test
    void largeChunksGoThroughS3PartsAndOneCopyInsideThePublish() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        StringBuilder csv = new StringBuilder(HEADER);
        long matching = 2;
        for (int i = 1; i <= 1_500; i++) {
            matching += i % 1000 >= 500 ? 1 : 0;
            csv.append("B").append(i).append(",ACC-").append(i % 7).append(',').append(i % 1000).append(".50,NZD,2024-03-01T10:00:00Z,Shop ")
                    .append(i).append(",retail\n");
        }
        csv.append("Q1,ACC-Q,999.99,EUR,2024-03-01T12:30:15.250+13:00,\"Kiwi \"\"Coffee\"\", Ltd\nUpstairs\",food\n");
        csv.append("Q2,,750.00,,,,\n");
        TestStack.aws().putObject(scenario.bucket(), "incoming/big.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        AtomicReference<S3CopyStandIn> standIn = new AtomicReference<>();
        assertEquals(0, runOnce(scenario, 3, null, standIn));

        String loadId = (String) TestStack.warehouse().query("SELECT load_id FROM " + scenario.ledger()).get(0).get(0);
        assertEquals(List.of("COPY " + scenario.stage() + " (\"transaction_id\", \"account_id\", \"amount\", \"currency\", \"transaction_ts\","
                + " \"merchant\", \"category\", loader_load_id, loader_chunk, loader_staged_at) FROM 's3://" + scenario.bucket() + "/staging/" + loadId + "/'"
                + " IAM_ROLE '" + ROLE + "' FORMAT AS CSV GZIP EMPTYASNULL REGION '" + TestStack.aws().region() + "' COMPUPDATE OFF STATUPDATE OFF"),
                standIn.get().statements());
        Map<String, List<String>> parts = standIn.get().copiedObjects();
        assertEquals(List.of("part-0001.csv.gz", "part-0002.csv.gz", "part-0003.csv.gz"),
                parts.keySet().stream().sorted().map(key -> key.substring(("staging/" + loadId + "/").length())).toList());
        assertEquals(matching, parts.values().stream().mapToLong(lines -> lines.stream().filter(line -> line.matches(".*,\"" + loadId + "\",\\d+,[-0-9: .]*"))
                .count()).sum(), "every matching row in exactly one part, tagged with the load (Q1's merchant spans two lines)");

        assertEquals(matching, count(scenario.table()));
        assertEquals(List.of(
                List.of("Q1", "ACC-Q", "999.99", "EUR", "2024-02-29 23:30:15.25", "Kiwi \"Coffee\", Ltd\nUpstairs", "food"),
                Arrays.asList("Q2", null, "750.00", null, null, null, null)),
                TestStack.warehouse().query("SELECT transaction_id, account_id, amount::text, currency, transaction_ts::text, merchant, category FROM "
                        + scenario.table() + " WHERE transaction_id LIKE 'Q%' ORDER BY transaction_id"));
        assertEquals(List.of(), TestStack.aws().listKeys(scenario.bucket(), "staging/"), "the parts are deleted after the commit");
        assertEquals(0, count(scenario.stage()));
        Notification notification = Notifications.receive(scenario.queueUrl(), 1).get(0);
        SampleFileLoadsEndToEndIT.assertCounts(notification.body(), 1_502, 1_502 - matching, 0, matching);
    }

    @Test
    void aCopyRedshiftRefusesFailsTheFileWithNothingLoadedAndThePartsDeleted() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 800; i++) {
            csv.append("F").append(i).append(",ACC-1,").append(400 + i).append(",NZD,2024-03-01T10:00:00Z,Shop,retail\n");
        }
        TestStack.aws().putObject(scenario.bucket(), "incoming/refused.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        AtomicReference<S3CopyStandIn> standIn = new AtomicReference<>();
        assertEquals(1, runOnce(scenario, 2, "S3ServiceException: Access Denied", standIn));

        assertEquals(2, standIn.get().copiedObjects().size(), "the parts were there when COPY ran: " + standIn.get().copiedObjects().keySet());
        assertEquals(0, count(scenario.table()));
        assertEquals(0, count(scenario.stage()));
        assertEquals(List.of(), TestStack.aws().listKeys(scenario.bucket(), "staging/"), "the parts are deleted after a failure too");
        assertEquals(List.of("failed/incoming/refused.csv", "failed/incoming/refused.csv.error.json"), TestStack.aws().listKeys(scenario.bucket(), "failed/"));
        Notification notification = Notifications.receive(scenario.queueUrl(), 1).get(0);
        assertEquals("FAILED", notification.statusAttribute());
    }

    private static int runOnce(TestStack.Scenario scenario, int parts, String refusal, AtomicReference<S3CopyStandIn> standIn) throws Exception {
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(TestStack.warehouse().port())) {
            Map<String, String> env = new HashMap<>(scenario.environment(relay.jdbcUrl(TestStack.warehouse().database())));
            env.put("LOADER_RUN_ONCE", "true");
            env.put("REDSHIFT_COPY_IAM_ROLE", ROLE);
            env.put("LOADER_STAGING_PARTS", Integer.toString(parts));
            env.put("LOADER_RETRY_ATTEMPTS", "0");
            return new LoaderApplication(TestStack.Scenario.settings(env), Map.of())
                    .copyStagedPartsWith(real -> {
                        standIn.set(new S3CopyStandIn(real, scenario.bucket(), scenario.stage(), refusal));
                        return standIn.get();
                    })
                    .run();
        }
    }

    private static long count(String table) {
        return ((Number) TestStack.warehouse().query("SELECT count(*) FROM " + table).get(0).get(0)).longValue();
    }
}
