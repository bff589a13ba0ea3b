package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3redshiftloader.LoaderApplication;
import io.s3redshiftloader.it.Notifications.Notification;
import io.s3redshiftloader.local.LocalAws;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The product sentence, for real: files dropped in S3 (the emulator) are loaded, filtered, into PostgreSQL, moved, and
 * announced on SNS; a broken file is dead-lettered while the others load; running again loads nothing twice.
 */
class SampleFileLoadsEndToEndIT {
    private static final Path SAMPLE = Path.of("sample/transactions.csv");

    @Test
    void droppedFilesAreLoadedFilteredMovedAndNotifiedAndABrokenFileIsDeadLettered() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        LocalAws aws = TestStack.aws();
        aws.putObject(scenario.bucket(), "incoming/transactions.csv", Files.readAllBytes(SAMPLE));
        aws.putObject(scenario.bucket(), "incoming/more.csv.gz", gzip("""
                currency,transaction_id,amount
                NZD,G1,500.01
                NZD,G2,500
                AUD,G3,99999.99
                """));
        aws.putObject(scenario.bucket(), "incoming/broken.csv", "transaction_id,total\nB1,900\n".getBytes(StandardCharsets.UTF_8));
        aws.putObject(scenario.bucket(), "incoming/readme.txt", "not a CSV file".getBytes(StandardCharsets.UTF_8));

        int exit = runOnce(scenario.environment());

        assertEquals(1, exit, "one file failed");
        Map<String, BigDecimal> expected = new TreeMap<>(expectedRows(Files.readAllLines(SAMPLE)));
        expected.put("G1", new BigDecimal("500.01"));
        expected.put("G3", new BigDecimal("99999.99"));
        assertEquals(expected, loadedRows(scenario.table()), "exactly the matching rows, each once");

        assertEquals(List.of("incoming/readme.txt"), aws.listKeys(scenario.bucket(), "incoming/"));
        assertEquals(List.of("processed/incoming/more.csv.gz", "processed/incoming/transactions.csv"),
                aws.listKeys(scenario.bucket(), "processed/"));
        assertEquals(List.of("failed/incoming/broken.csv", "failed/incoming/broken.csv.error.json"),
                aws.listKeys(scenario.bucket(), "failed/"));
        JsonNode error = new ObjectMapper().readTree(aws.getObjectAsString(scenario.bucket(), "failed/incoming/broken.csv.error.json"));
        assertEquals("FAILED", error.path("status").asText());
        assertEquals("The header lacks the required column amount of table " + scenario.table() + ".", error.path("error").asText());

        List<String> report = aws.getObjectAsString(scenario.bucket(), "rejected/incoming/transactions.csv.rejects.csv").lines().toList();
        assertEquals("line,reason,record", report.get(0));
        // Chunks are parsed in parallel: the report lists each chunk's rejects as that chunk finishes.
        List<String> rejects = report.stream().skip(1)
                .sorted(Comparator.comparingInt(line -> Integer.parseInt(line.substring(0, line.indexOf(','))))).toList();
        assertEquals(List.of("418", "1291", "2656"), rejects.stream().map(line -> line.substring(0, line.indexOf(','))).toList());
        assertTrue(rejects.get(0).contains("amount '12,50' is not a plain decimal number"), rejects.get(0));

        Map<String, Notification> notifications = Notifications.receive(scenario.queueUrl(), 3).stream()
                .collect(Collectors.toMap(n -> n.body().path("key").asText(), Function.identity()));
        Notification sample = notifications.get("incoming/transactions.csv");
        assertEquals("Data loaded successfully: incoming/transactions.csv", sample.subject());
        assertEquals("SUCCEEDED", sample.statusAttribute());
        long loaded = expected.keySet().stream().filter(id -> id.startsWith("TX")).count();
        assertCounts(sample.body(), 3000, 3000 - 3 - loaded, 3, loaded);
        assertEquals("rejected/incoming/transactions.csv.rejects.csv", sample.body().path("rejectsKey").asText());
        assertEquals(scenario.table(), sample.body().path("table").asText());
        assertCounts(notifications.get("incoming/more.csv.gz").body(), 3, 1, 0, 2);
        Notification broken = notifications.get("incoming/broken.csv");
        assertEquals("Data load FAILED: incoming/broken.csv", broken.subject());
        assertEquals("FAILED", broken.statusAttribute());
        assertEquals("failed/incoming/broken.csv.error.json", broken.body().path("errorKey").asText());
        assertEquals(error.path("error").asText(), broken.body().path("error").asText());

        // The same object dropped again is recognised by its ETag: skipped, moved, nothing loaded twice.
        aws.putObject(scenario.bucket(), "incoming/transactions.csv", Files.readAllBytes(SAMPLE));
        assertEquals(0, runOnce(scenario.environment()));
        assertEquals(expected, loadedRows(scenario.table()));
        Notification skipped = Notifications.receive(scenario.queueUrl(), 1).get(0);
        assertEquals("Data already loaded: incoming/transactions.csv", skipped.subject());
        assertEquals("SKIPPED", skipped.statusAttribute());
        assertEquals(sample.body().path("loadId").asText(), skipped.body().path("loadId").asText());
        assertEquals(List.of("incoming/readme.txt"), aws.listKeys(scenario.bucket(), "incoming/"));
    }

    static int runOnce(Map<String, String> environment) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("LOADER_RUN_ONCE", "true");
        return new LoaderApplication(TestStack.Scenario.settings(env), Map.of()).run();
    }

    static void assertCounts(JsonNode body, long read, long filtered, long rejected, long loaded) {
        assertEquals(List.of(read, filtered, rejected, loaded), List.of(body.path("rowsRead").asLong(), body.path("rowsFiltered").asLong(),
                body.path("rowsRejected").asLong(), body.path("rowsLoaded").asLong()), "rowsRead, rowsFiltered, rowsRejected, rowsLoaded");
    }

    /** The sample's rows that should load, worked out independently: a plain decimal amount strictly over 500. */
    static Map<String, BigDecimal> expectedRows(List<String> lines) {
        Map<String, BigDecimal> rows = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            if (fields[2].matches("-?\\d+(\\.\\d+)?") && new BigDecimal(fields[2]).compareTo(new BigDecimal(500)) > 0) {
                rows.put(fields[0], new BigDecimal(fields[2]).stripTrailingZeros());
            }
        }
        return rows;
    }

    static Map<String, BigDecimal> loadedRows(String table) {
        Map<String, BigDecimal> rows = new TreeMap<>();
        for (List<Object> row : TestStack.warehouse().query("SELECT transaction_id, amount FROM " + table)) {
            BigDecimal previous = rows.put((String) row.get(0), ((BigDecimal) row.get(1)).stripTrailingZeros());
            assertEquals(null, previous, "duplicate row " + row.get(0));
        }
        return rows;
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
