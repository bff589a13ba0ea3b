package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3redshiftloader.it.Notifications.Notification;
import io.s3redshiftloader.local.LocalAws;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input in one run, next to a good file: each ends either with its bad rows rejected (line and
 * reason reported, counts adding up) or dead-lettered as a whole with one readable sentence, never half loaded, and
 * never stopping the other files.
 */
class BadInputIT {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void eachBadFileIsRejectedRowByRowOrDeadLetteredWholeAndTheOthersLoad() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        LocalAws aws = TestStack.aws();
        String bucket = scenario.bucket();

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("good.csv", text("transaction_id,amount\nG1,900\nG2,100\n"));
        // Loaded, with their bad rows rejected.
        files.put("header-only.csv", text("transaction_id,amount,currency\n"));
        files.put("ragged.csv", text("transaction_id,amount,currency\nR1,900,NZD\nR2,901\nR3,902,NZD,extra\n"));
        files.put("amounts.csv", text("transaction_id,amount\nA1,abc\nA2,\nA3,\"12,50\"\nA4,950\n"));
        files.put("timestamps.csv", text("transaction_id,amount,transaction_ts\nT1,900,yesterday\nT2,901,2024-02-30\n"
                + "T3,902,2024-13-01T00:00:00Z\nT4,903,2024-03-01T10:00:00+13:00\n"));
        files.put("bom.csv", concat(BOM, text("transaction_id,amount\nB1,900\n")));
        files.put("crlf.csv", text("transaction_id,amount,merchant\r\nC1,900,\"two\r\nlines\"\r\nC2,x,m\r\nC3,901,m\r\n"));
        files.put("quoted.csv", text("transaction_id,amount,merchant\nQ1,900,\"Smith, Jones\"\nQ2,901,\"two\nlines, \"\"quoted\"\"\"\n\n"
                + "Q3,bad,x\nQ4,902,\"a,b\"\n"));
        files.put("long-merchant.csv", text("transaction_id,amount,merchant\nL1,900," + "m".repeat(300) + "\nL2,901," + "m".repeat(256) + "\n"));
        // Dead-lettered whole. latin1.csv (a Latin-1 byte on its last line) and truncated.csv.gz fail after chunks of
        // 500 rows were written into their transaction.
        files.put("empty.csv", new byte[0]);
        files.put("empty.csv.gz", new byte[0]);
        files.put("no-id.csv", text("id,amount\n1,900\n"));
        files.put("garbage.csv", png());
        byte[] latin1Before = new TransactionsFile("LAT", 1200).bytes();
        files.put("latin1.csv", concat(latin1Before, new byte[] {'X', '1', ',', 'A', ',', '9', ',', 'N', ',', (byte) 0xE9, '\n'}));
        files.put("unterminated.csv", text("transaction_id,amount,merchant\nU1,900,a\nU2,901,\"never closed\nU3,902,c\n"));
        files.put("huge-field.csv", text("transaction_id,amount,merchant\nH1,900,ok\nH2,901," + "x".repeat(5 * 1024 * 1024) + "\nH3,902,ok\n"));
        byte[] wholeGzip = SampleFileLoadsEndToEndIT.gzip(new String(new TransactionsFile("GZ", 10_000).bytes(), StandardCharsets.UTF_8));
        files.put("truncated.csv.gz", Arrays.copyOf(wholeGzip, wholeGzip.length / 2));
        files.forEach((name, bytes) -> aws.putObject(bucket, "incoming/" + name, bytes));

        Map<String, String> env = new HashMap<>(scenario.environment());
        env.put("MAX_REJECTED_ROWS", "100");
        assertEquals(1, SampleFileLoadsEndToEndIT.runOnce(env), "some files failed");

        Map<String, Notification> notifications = Notifications.receive(scenario.queueUrl(), files.size()).stream()
                .collect(Collectors.toMap(n -> n.body().path("key").asText().substring("incoming/".length()), Function.identity()));
        assertEquals(files.keySet(), notifications.keySet());

        // name -> read, filtered, rejected, loaded; and the rejected rows as "line: reason".
        assertLoaded(notifications, "good.csv", 2, 1, 0, 1);
        assertLoaded(notifications, "header-only.csv", 0, 0, 0, 0);
        assertLoaded(notifications, "ragged.csv", 3, 0, 2, 1);
        assertEquals(List.of("3: 2 fields where the header has 3", "4: 4 fields where the header has 3"), rejects(bucket, "ragged.csv"));
        assertLoaded(notifications, "amounts.csv", 4, 0, 3, 1);
        assertEquals(List.of("2: amount 'abc' is not a plain decimal number", "3: amount is empty but required",
                "4: amount '12,50' is not a plain decimal number"), rejects(bucket, "amounts.csv"));
        assertLoaded(notifications, "timestamps.csv", 4, 0, 3, 1);
        assertEquals(List.of("2: transaction_ts 'yesterday' is not an ISO-8601 timestamp",
                "3: transaction_ts '2024-02-30' is not an ISO-8601 timestamp",
                "4: transaction_ts '2024-13-01T00:00:00Z' is not an ISO-8601 timestamp"), rejects(bucket, "timestamps.csv"));
        assertLoaded(notifications, "bom.csv", 1, 0, 0, 1);
        assertLoaded(notifications, "crlf.csv", 3, 0, 1, 2);
        assertEquals(List.of("4: amount 'x' is not a plain decimal number"), rejects(bucket, "crlf.csv"));
        assertLoaded(notifications, "quoted.csv", 4, 0, 1, 3);
        assertEquals(List.of("6: amount 'bad' is not a plain decimal number"), rejects(bucket, "quoted.csv"));
        assertLoaded(notifications, "long-merchant.csv", 2, 0, 1, 1);
        assertEquals(List.of("2: merchant is longer than 256 characters"), rejects(bucket, "long-merchant.csv"));

        String table = scenario.table();
        assertFailed(notifications, bucket, "empty.csv", "The file is empty (0 bytes).");
        assertFailed(notifications, bucket, "empty.csv.gz", "The file is empty (0 bytes).");
        assertFailed(notifications, bucket, "no-id.csv", "The header lacks the required column transaction_id of table " + table + ".");
        assertFailed(notifications, bucket, "garbage.csv", "The file is not UTF-8 CSV text: byte 1 (0x89, on line 1) is not valid UTF-8.");
        assertFailed(notifications, bucket, "latin1.csv", "The file is not UTF-8 CSV text: byte " + (latin1Before.length + 10)
                + " (0xE9, on line 1202) is not valid UTF-8.");
        assertFailed(notifications, bucket, "unterminated.csv", "The quoted field starting on line 3 is never closed: the file ends inside it.");
        assertFailed(notifications, bucket, "huge-field.csv",
                "The record starting on line 3 is longer than 4 MB, more than a row can hold; check for a quote that is never closed.");
        assertFailed(notifications, bucket, "truncated.csv.gz", "The gzip data ends before its end marker: the file is truncated.");

        List<String> deadLettered = List.of("empty.csv", "empty.csv.gz", "no-id.csv", "garbage.csv", "latin1.csv", "unterminated.csv",
                "huge-field.csv", "truncated.csv.gz");
        List<String> failed = new ArrayList<>();
        List<String> processed = new ArrayList<>();
        for (String name : files.keySet()) {
            if (deadLettered.contains(name)) {
                failed.addAll(List.of("failed/incoming/" + name, "failed/incoming/" + name + ".error.json"));
            } else {
                processed.add("processed/incoming/" + name);
            }
        }
        assertEquals(failed.stream().sorted().toList(), aws.listKeys(bucket, "failed/"));
        assertEquals(processed.stream().sorted().toList(), aws.listKeys(bucket, "processed/"));
        assertEquals(List.of(), aws.listKeys(bucket, "incoming/"));

        // Only the good rows of the files that loaded; nothing of a failed file, although some of its chunks were written.
        assertEquals(List.of("A4", "B1", "C1", "C3", "G1", "L2", "Q1", "Q2", "Q4", "R1", "T4"), Tables.transactionIds(TestStack.warehouse(), table));
        assertEquals(List.of(List.of("C1", "two\r\nlines"), List.of("Q1", "Smith, Jones"), List.of("Q2", "two\nlines, \"quoted\""),
                List.of("Q4", "a,b")), TestStack.warehouse().query("SELECT transaction_id, merchant FROM " + table
                + " WHERE transaction_id IN ('C1', 'Q1', 'Q2', 'Q4') ORDER BY 1"));
        assertEquals(List.of(List.of("2024-02-29 21:00:00")),
                TestStack.warehouse().query("SELECT to_char(transaction_ts, 'YYYY-MM-DD HH24:MI:SS') FROM " + table + " WHERE transaction_id = 'T4'"));
    }

    private static void assertLoaded(Map<String, Notification> notifications, String name, long read, long filtered, long rejected, long loaded) {
        Notification notification = notifications.get(name);
        assertEquals("SUCCEEDED", notification.statusAttribute(), name + ": " + notification.body());
        assertEquals("Data loaded successfully: incoming/" + name, notification.subject());
        SampleFileLoadsEndToEndIT.assertCounts(notification.body(), read, filtered, rejected, loaded);
    }

    private static void assertFailed(Map<String, Notification> notifications, String bucket, String name, String sentence) throws IOException {
        Notification notification = notifications.get(name);
        JsonNode body = notification.body();
        assertEquals("FAILED", notification.statusAttribute(), name + ": " + body);
        assertEquals("Data load FAILED: incoming/" + name, notification.subject());
        assertEquals(sentence, body.path("error").asText(), name);
        assertEquals(0, body.path("rowsLoaded").asLong(), name);
        String error = body.path("error").asText();
        for (String technical : List.of("Exception", "\n\tat ", "java.", "org.apache", "io.s3redshiftloader")) {
            assertFalse(error.contains(technical), name + " error reads like a stack trace: " + error);
        }
        assertEquals("failed/incoming/" + name + ".error.json", body.path("errorKey").asText());
        JsonNode report = new ObjectMapper().readTree(TestStack.aws().getObjectAsString(bucket, body.path("errorKey").asText()));
        assertEquals(sentence, report.path("error").asText(), name);
        assertEquals("FAILED", report.path("status").asText(), name);
    }

    /** The rejects report of a file, each row as "line: reason". */
    private static List<String> rejects(String bucket, String name) throws IOException {
        String report = TestStack.aws().getObjectAsString(bucket, "rejected/incoming/" + name + ".rejects.csv");
        List<String> rows = new ArrayList<>();
        for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(report))) {
            rows.add(row.get("line") + ": " + row.get("reason"));
        }
        return rows;
    }

    /** A PNG signature and header chunk followed by noise: what a renamed image looks like. */
    private static byte[] png() {
        byte[] noise = new byte[2048];
        new Random(3).nextBytes(noise);
        return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}, noise);
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
