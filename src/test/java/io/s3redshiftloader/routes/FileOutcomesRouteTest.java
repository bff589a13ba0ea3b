package io.s3redshiftloader.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a file ends, through the real routes: loaded, skipped as loaded before, loaded with rejected rows, or failed; and
 * an S3 fault retried, or failing the file once the retries run out.
 */
class FileOutcomesRouteTest extends LoaderRouteTestSupport {
    private static final String KEY = "incoming/tx.csv";

    @Test
    void aFileIsLoadedMovedToProcessedAndAnnounced() throws Exception {
        settleOne(HEADER
                + "T1,A1,600.00,USD,2024-03-08T19:42:10Z,Shop,general\n"
                + "T2,A2,500.00,USD,2024-03-08T19:42:11Z,Shop,general\n"
                + "T3,A3,1200.50,EUR,2024-03-08T19:42:12Z,Shop,travel\n");

        assertEquals(List.of(List.of("T1"), List.of("T3")), warehouse.query("SELECT transaction_id FROM " + TABLE + " ORDER BY 1"));
        JsonNode notification = onlyNotification();
        assertEquals("SUCCEEDED", notification.get("status").asText());
        assertEquals(KEY, notification.get("key").asText());
        assertEquals(3, notification.get("rowsRead").asLong());
        assertEquals(1, notification.get("rowsFiltered").asLong());
        assertEquals(0, notification.get("rowsRejected").asLong());
        assertEquals(2, notification.get("rowsLoaded").asLong());
        assertTrue(s3.text("processed/" + KEY).isPresent(), "moved to processed/");
        assertFalse(s3.text(KEY).isPresent(), "no longer under the prefix");
    }

    @Test
    void theSameObjectAgainIsSkippedAndNotLoadedTwice() throws Exception {
        settleOne(ONE_ROW);
        settleOne(ONE_ROW);

        assertEquals(1, rowsInTable());
        List<JsonNode> notifications = notifications();
        assertEquals(2, notifications.size());
        assertEquals("SUCCEEDED", notifications.get(0).get("status").asText());
        assertEquals("SKIPPED", notifications.get(1).get("status").asText());
        assertEquals(notifications.get(0).get("loadId"), notifications.get(1).get("loadId"), "names the load that loaded it");
        assertFalse(s3.text(KEY).isPresent(), "a skipped file is moved too");
    }

    @Test
    void rejectedRowsAreReportedAndTheRestLoaded() throws Exception {
        settleOne(HEADER
                + "T1,A1,600.00,USD,2024-03-08T19:42:10Z,Shop,general\n"
                + "T2,A2,abc,USD,2024-03-08T19:42:11Z,Shop,general\n"
                + ",A3,700.00,USD,2024-03-08T19:42:12Z,Shop,general\n");

        assertEquals(1, rowsInTable());
        JsonNode notification = onlyNotification();
        assertEquals("SUCCEEDED", notification.get("status").asText());
        assertEquals(2, notification.get("rowsRejected").asLong());
        assertEquals(1, notification.get("rowsLoaded").asLong());
        String rejectsKey = "rejected/" + KEY + ".rejects.csv";
        assertEquals(rejectsKey, notification.get("rejectsKey").asText());
        String report = s3.text(rejectsKey).orElseThrow(() -> new AssertionError("no rejects report at " + rejectsKey));
        assertTrue(report.contains("T2"), report);
        assertTrue(s3.text("processed/" + KEY).isPresent(), "moved to processed/");
    }

    @Test
    void aFileThatCannotBeLoadedFailsWithAReportAndLeavesNothingInTheTable() throws Exception {
        settleOne("transaction_id,account_id,currency\nT1,A1,USD\nT2,A2,EUR\n");

        assertEquals(0, rowsInTable());
        JsonNode notification = onlyNotification();
        assertEquals("FAILED", notification.get("status").asText());
        assertEquals(0, notification.get("rowsLoaded").asLong());
        assertEquals("The header lacks the required column amount of table public.transactions.", notification.get("error").asText());
        String errorKey = "failed/" + KEY + ".error.json";
        assertEquals(errorKey, notification.get("errorKey").asText());
        assertTrue(s3.text(errorKey).orElseThrow(() -> new AssertionError("no error report at " + errorKey)).contains("FAILED"));
        assertTrue(s3.text("failed/" + KEY).isPresent(), "moved to failed/");
        assertFalse(s3.text(KEY).isPresent(), "no longer under the prefix");
    }

    @Test
    void aTransientS3FaultIsRetriedAndTheFileLoadedOnce() throws Exception {
        failGetObject(1);
        settleOne(ONE_ROW);

        assertEquals(1, rowsInTable());
        assertEquals("SUCCEEDED", onlyNotification().get("status").asText());
        assertTrue(s3.text("processed/" + KEY).isPresent(), "moved to processed/");
    }

    @Test
    void anS3FaultThatOutlastsTheRetriesFailsTheFile() throws Exception {
        failGetObject(2);
        settleOne(ONE_ROW);

        assertEquals(0, rowsInTable());
        JsonNode notification = onlyNotification();
        assertEquals("FAILED", notification.get("status").asText());
        assertTrue(s3.text("failed/" + KEY).isPresent(), "moved to failed/");
    }

    /** Puts the file under the prefix and waits until the loader has settled it. */
    private void settleOne(String content) {
        var settled = filesSettled(1);
        s3.put(KEY, content);
        takeFiles();
        await(settled);
    }

    private JsonNode onlyNotification() throws Exception {
        List<JsonNode> notifications = notifications();
        assertEquals(1, notifications.size(), notifications.toString());
        return notifications.get(0);
    }
}
