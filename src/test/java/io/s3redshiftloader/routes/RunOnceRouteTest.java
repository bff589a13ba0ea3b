package io.s3redshiftloader.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.s3redshiftloader.load.RunOnce;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With LOADER_RUN_ONCE, the loader asks to stop once every waiting file was settled, with the exit code they make. */
class RunOnceRouteTest extends LoaderRouteTestSupport {
    private static final String ANOTHER_ROW = HEADER + "T3,A3,900.00,EUR,2024-03-09T08:00:00Z,Shop,travel\n";
    private static final String BAD = "transaction_id,currency\nT2,USD\n";

    @Override
    Map<String, String> environment() {
        return Map.of("LOADER_RUN_ONCE", "true");
    }

    @Test
    void stopsWithExitCodeZeroOnceThePrefixIsDrained() throws Exception {
        s3.put("incoming/a.csv", ONE_ROW);
        s3.put("incoming/b.csv", ANOTHER_ROW);
        s3.put("incoming/notes.txt", "not a CSV file");
        takeFiles();
        stopRequested.get(60, TimeUnit.SECONDS);

        assertEquals(List.of("SUCCEEDED", "SUCCEEDED"), statuses(), "both files settled before the stop");
        assertEquals(2, rowsInTable());
        assertEquals("not a CSV file", s3.text("incoming/notes.txt").orElseThrow(), "other keys are left alone");
        assertEquals(0, exitCode());
    }

    @Test
    void stopsWithExitCodeOneWhenAFileFailedAndStillLoadsTheOthers() throws Exception {
        s3.put("incoming/a.csv", BAD);
        s3.put("incoming/b.csv", ONE_ROW);
        takeFiles();
        stopRequested.get(60, TimeUnit.SECONDS);

        assertEquals(List.of("FAILED", "SUCCEEDED"), statuses());
        assertEquals(1, rowsInTable());
        assertTrue(s3.text("failed/incoming/a.csv").isPresent(), "the failed file is dead-lettered, not tried again");
        assertEquals(1, exitCode());
    }

    private List<String> statuses() throws Exception {
        return notifications().stream().map(notification -> notification.get("status")).map(JsonNode::asText).toList();
    }

    private int exitCode() {
        return context.getRegistry().lookupByNameAndType("runOnce", RunOnce.class).exitCode();
    }
}
