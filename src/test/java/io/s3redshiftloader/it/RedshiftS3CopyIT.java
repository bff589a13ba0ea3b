package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.s3redshiftloader.LoaderApplication;
import io.s3redshiftloader.it.Notifications.Notification;
import io.s3redshiftloader.local.RedshiftStartupRelay;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redshift's COPY from S3, up to what a local stand-in allows: through the Redshift driver, a file's matching rows
 * become gzip CSV parts in S3 with a manifest listing exactly them, and one {@code COPY … MANIFEST} (played by
 * {@link S3CopyStandIn} on PostgreSQL) loads them inside the file's transaction; its count must match. The parts and
 * manifest are deleted afterwards, whether the load committed or failed. That Redshift itself reads the parts as the
 * stand-in does is only verified on a real cluster.
 */
class RedshiftS3CopyIT {
    static final String ROLE = "arn:aws:iam::123456789012:role/redshift-copy";
    private static final String HEADER = "transaction_id,account_id,amount,currency,transaction_ts,merchant,category\n";

    @Test
    void aFilesRowsGoThroughOnePartAndOneManifestCopyInsideItsTransaction() throws Exception {
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

        S3CopyStandIn standIn = new S3CopyStandIn(null, false);
        // COPY's REGION is the bucket's (the emulator's buckets report no location constraint: us-east-1), not the loader's.
        assertEquals(0, runOnce(scenario, standIn, Map.of("AWS_REGION", "eu-west-2")));

        String loadId = (String) TestStack.warehouse().query("SELECT load_id FROM " + scenario.ledger()).get(0).get(0);
        String folder = "staging/" + loadId + "/";
        assertEquals(List.of("COPY " + scenario.table() + " (\"transaction_id\", \"account_id\", \"amount\", \"currency\", \"transaction_ts\","
                + " \"merchant\", \"category\") FROM 's3://" + scenario.bucket() + "/" + folder + "manifest.json'"
                + " IAM_ROLE '" + ROLE + "' MANIFEST FORMAT AS CSV GZIP EMPTYASNULL REGION 'us-east-1' COMPUPDATE OFF STATUPDATE OFF"),
                standIn.statements());
        JsonNode entry = standIn.manifests().get(0).path("entries").get(0);
        assertEquals(1, standIn.manifests().get(0).path("entries").size(), "a small file gives one part");
        assertEquals("s3://" + scenario.bucket() + "/" + folder + "part-0001.csv.gz", entry.path("url").asText());
        assertTrue(entry.path("mandatory").asBoolean(), "COPY fails if a listed part is missing");
        assertTrue(entry.path("meta").path("content_length").asLong() > 0);
        assertEquals(matching + 1, standIn.copiedObjects().get(folder + "part-0001.csv.gz").size(),
                "every matching row in the part (Q1's merchant spans two lines)");

        assertEquals(matching, count(scenario.table()));
        assertEquals(List.of(
                List.of("Q1", "ACC-Q", "999.99", "EUR", "2024-02-29 23:30:15.25", "Kiwi \"Coffee\", Ltd\nUpstairs", "food"),
                Arrays.asList("Q2", null, "750.00", null, null, null, null)),
                TestStack.warehouse().query("SELECT transaction_id, account_id, amount::text, currency, transaction_ts::text, merchant, category FROM "
                        + scenario.table() + " WHERE transaction_id LIKE 'Q%' ORDER BY transaction_id"));
        assertEquals(List.of(), TestStack.aws().listKeys(scenario.bucket(), "staging/"), "the parts and manifest are deleted after the commit");
        Notification notification = Notifications.receive(scenario.queueUrl(), 1).get(0);
        SampleFileLoadsEndToEndIT.assertCounts(notification.body(), 1_502, 1_502 - matching, 0, matching);
    }

    @Test
    void aCopyRedshiftRefusesFailsTheFileWithNothingLoadedAndThePartsDeleted() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        TestStack.aws().putObject(scenario.bucket(), "incoming/refused.csv", matchingRows(800));

        S3CopyStandIn standIn = new S3CopyStandIn("S3ServiceException: Access Denied", false);
        assertEquals(1, runOnce(scenario, standIn, Map.of("REDSHIFT_COPY_REGION", "ap-southeast-2")));

        assertTrue(standIn.statements().get(0).contains(" REGION 'ap-southeast-2' "), "a region given wins: " + standIn.statements());
        assertEquals(1, standIn.copiedObjects().size(), "the part was there when COPY ran: " + standIn.copiedObjects().keySet());
        assertNothingLoadedAndFailed(scenario, "incoming/refused.csv");
    }

    @Test
    void aCopyThatLoadsFewerRowsThanWereStagedFailsTheFileWithNothingLoaded() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        TestStack.aws().putObject(scenario.bucket(), "incoming/short.csv", matchingRows(300));

        assertEquals(1, runOnce(scenario, new S3CopyStandIn(null, true), Map.of()));

        assertNothingLoadedAndFailed(scenario, "incoming/short.csv");
        String error = Notifications.receive(scenario.queueUrl(), 1).get(0).body().path("error").asText();
        assertTrue(error.contains("COPY loaded 299 rows where 300 were staged"), error);
    }

    private static void assertNothingLoadedAndFailed(TestStack.Scenario scenario, String key) {
        assertEquals(0, count(scenario.table()));
        assertEquals(0, count(scenario.ledger()));
        assertEquals(List.of(), TestStack.aws().listKeys(scenario.bucket(), "staging/"), "the parts are deleted after a failure too");
        assertEquals(List.of("failed/" + key, "failed/" + key + ".error.json"), TestStack.aws().listKeys(scenario.bucket(), "failed/"));
    }

    private static byte[] matchingRows(int rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= rows; i++) {
            csv.append("F").append(i).append(",ACC-1,").append(600 + i).append(",NZD,2024-03-01T10:00:00Z,Shop,retail\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Runs the loader in this JVM through the Redshift driver relay, its COPY played by {@code standIn}. */
    static int runOnce(TestStack.Scenario scenario, S3CopyStandIn standIn, Map<String, String> more) throws Exception {
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(TestStack.warehouse().port())) {
            return runOnce(scenario, relay, standIn, more);
        }
    }

    static int runOnce(TestStack.Scenario scenario, RedshiftStartupRelay relay, S3CopyStandIn standIn, Map<String, String> more) throws Exception {
        Map<String, String> env = new HashMap<>(scenario.environment(relay.jdbcUrl(TestStack.warehouse().database())));
        env.put("LOADER_RUN_ONCE", "true");
        env.put("REDSHIFT_COPY_IAM_ROLE", ROLE);
        env.put("LOADER_RETRY_ATTEMPTS", "0");
        env.putAll(more);
        return new LoaderApplication(TestStack.Scenario.settings(env), Map.of()).copyFromS3With(standIn).run();
    }

    private static long count(String table) {
        return ((Number) TestStack.warehouse().query("SELECT count(*) FROM " + table).get(0).get(0)).longValue();
    }
}
