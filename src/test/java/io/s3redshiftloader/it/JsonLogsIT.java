package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LOADER_LOG_FORMAT=json: every line the loader prints is one JSON object, and every line about a file carries the
 * file's load id and key in its MDC, from whichever thread it was logged; a long load logs progress lines, and each
 * file ends with exactly one summary line.
 */
class JsonLogsIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String KEY = "incoming/progress.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyLineIsJsonAndEveryLineAboutAFileCarriesItsLoadIdAndKey() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        Map<String, String> env = new HashMap<>(scenario.environment());
        env.put("LOADER_LOG_FORMAT", "json");
        env.put("LOADER_PROGRESS_INTERVAL_MS", "100");
        env.put("LOADER_RUN_ONCE", "true");
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(env), "creates the tables");
        TransactionsFile file = new TransactionsFile("P", 3000);
        TestStack.aws().putObject(scenario.bucket(), KEY, file.bytes());

        String output;
        DatabaseGate gate = DatabaseGate.beforeInsert(TestStack.warehouse(), scenario.table(), "NEW.transaction_id = '" + file.id(2000) + "'");
        try (LoaderProcess loader = LoaderProcess.start(env)) {
            // Held part-way through the file, the load is long enough for progress lines.
            gate.awaitHeld(WAIT);
            loader.awaitUntil(WAIT, "a progress line", () -> loader.output().contains("rows read so far"));
            gate.cutHeldConnection();
            loader.awaitUntil(WAIT, "the file is retried", () -> loader.output().contains("retry 1 of"));
            gate.close();
            assertEquals(0, loader.awaitExit(120), loader.output());
            output = loader.output();
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.lines().toList()) {
            lines.add(parse(line));
        }
        String loadedBy = Notifications.receive(scenario.queueUrl(), 1).get(0).body().path("loadId").asText();
        List<JsonNode> aboutTheFile = lines.stream().filter(line -> KEY.equals(line.path("mdc").path("objectKey").asText())
                && line.path("loggerName").asText().startsWith("io.s3redshiftloader")).toList();
        assertTrue(aboutTheFile.size() >= 3, output);
        for (JsonNode line : aboutTheFile) {
            String loadId = line.path("mdc").path("loadId").asText();
            assertTrue(loadId.matches("[0-9a-f-]{36}"), line.toString());
            // The MDC names the file and the load: the message does not say them again.
            assertFalse(message(line).contains(KEY) || message(line).contains(loadId), line.toString());
        }
        // The cut connection ended the first attempt; the file was loaded again, from the start, under a new load id.
        assertEquals(2, aboutTheFile.stream().map(line -> line.path("mdc").path("loadId").asText()).distinct().count(), output);
        List<JsonNode> progress = aboutTheFile.stream().filter(line -> message(line).contains("rows read so far")).toList();
        assertFalse(progress.isEmpty(), output);
        assertTrue(message(progress.get(0)).matches("\\d+ rows read so far, \\d+ rows/s, \\d+% of " + file.bytes().length + " bytes"),
                message(progress.get(0)));
        List<JsonNode> summary = aboutTheFile.stream().filter(line -> message(line).startsWith("SUCCEEDED: read 3000,")).toList();
        assertEquals(1, summary.size(), output);
        assertEquals(loadedBy, summary.get(0).path("mdc").path("loadId").asText(), "the summary names the attempt that loaded the file");
        assertTrue(aboutTheFile.stream().anyMatch(line -> message(line).contains("retry 1 of")), "the retry line is among them:\n" + output);
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            assertTrue(node.isObject(), line);
            return node;
        } catch (Exception e) {
            throw new AssertionError("Not a JSON line: " + line, e);
        }
    }

    private static String message(JsonNode line) {
        return line.path("formattedMessage").asText();
    }
}
