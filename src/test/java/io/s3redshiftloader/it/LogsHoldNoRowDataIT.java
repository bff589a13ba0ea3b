package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3redshiftloader.local.LocalWarehouse;
import io.s3redshiftloader.local.RedshiftStartupRelay;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the log shows while things go wrong, on both load paths (PostgreSQL's COPY, the Redshift driver's multi-row
 * INSERTs): the database restarts mid-file, the filter file is edited into YAML that does not parse, and the database
 * refuses a file's rows (a check constraint, whose error quotes the failing row). Each fault is said in lines of its
 * own, without a stack frame and without any value of the files: no id, account, amount, currency or timestamp.
 */
class LogsHoldNoRowDataIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern STACK_FRAME = Pattern.compile("(^|\\\\[nt]|\\s)at [\\w.$/]+\\([\\w.]*(:\\d+)?\\)|Caused by: |\\.\\.\\. \\d+ more");
    private static final Pattern ACCOUNT = Pattern.compile("\\bACC\\d+\\b");
    private static final Pattern AMOUNT = Pattern.compile("(?<![\\d.])\\d+\\.\\d\\d(?![\\d])");
    private static final Pattern TEXT_LINE_START = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR) \\[");
    private static final Pattern FILE_PREFIX = Pattern.compile(" \\[(incoming/\\S+) ([0-9a-f-]{36})\\] ");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalWarehouse database;

    @TempDir
    Path workingDirectory;

    @BeforeAll
    static void startDatabase() {
        database = LocalWarehouse.start();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void postgresqlCopyInJson() throws Exception {
        String output = loadThroughFaults(database.jdbcUrl(), "json", "PGX", true);
        for (String line : output.lines().toList()) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("Not a JSON line: " + line + "\n" + output, e);
            }
            assertTrue(node.isObject() && (node.path("throwable").isMissingNode() || node.path("throwable").isNull()), line);
        }
    }

    @Test
    void redshiftDriverInText() throws Exception {
        String output;
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(database.port())) {
            // Through the Redshift driver, a restart's "terminating connection due to administrator command" fails the file
            // at once today instead of being retried: only the log of its outcome is checked here.
            output = loadThroughFaults(relay.jdbcUrl(database.database()), "text", "RSX", false);
        }
        for (String line : output.lines().toList()) {
            assertTrue(TEXT_LINE_START.matcher(line).find(), "each event is one line of its own: " + line + "\n" + output);
            // The prefix names the file and the load: the message does not say them again.
            Matcher prefix = FILE_PREFIX.matcher(line);
            if (prefix.find()) {
                String message = line.substring(prefix.end());
                assertFalse(message.contains(prefix.group(1)) || message.contains(prefix.group(2)), line);
            }
        }
    }

    /**
     * Runs the faults by a loader on this JDBC URL and returns its log, checked for stack frames and the files' values;
     * ridesOutRestart: the file held at the restart is retried and loaded (else it may end either way).
     */
    private String loadThroughFaults(String jdbcUrl, String format, String idPrefix, boolean ridesOutRestart) throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        Map<String, String> env = new HashMap<>(scenario.environment(jdbcUrl));
        env.put("REDSHIFT_DBUSER", database.user());
        env.put("REDSHIFT_PASSWORD", database.password());
        env.put("LOADER_DB_CONNECT_TIMEOUT_MS", "1000");
        env.put("LOADER_RETRY_ATTEMPTS", "6");
        env.put("LOADER_RETRY_DELAY_MS", "500");
        env.put("LOADER_POLL_INTERVAL_MS", "300");
        env.put("LOADER_LOG_FORMAT", format);
        Map<String, String> setup = new HashMap<>(env);
        setup.put("LOADER_RUN_ONCE", "true");
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(setup), "creates the tables");
        // Amounts reach 1,299.25 in the first file and 1,500.25 in the second: the database refuses the second.
        database.execute("ALTER TABLE " + scenario.table() + " ADD CONSTRAINT under_1400 CHECK (amount < 1400)");
        LiveFilterEditIT.copy(Path.of("routes"), workingDirectory.resolve("routes"));
        LiveFilterEditIT.copy(Path.of("config"), workingDirectory.resolve("config"));
        TransactionsFile restarted = new TransactionsFile(idPrefix + "A", 800);
        TransactionsFile refused = new TransactionsFile(idPrefix + "B", 1000);

        String output;
        DatabaseGate gate = DatabaseGate.beforeInsert(database, scenario.table(), "NEW.transaction_id = '" + restarted.id(400) + "'");
        try (LoaderProcess loader = LoaderProcess.start(env, workingDirectory)) {
            TestStack.aws().putObject(scenario.bucket(), "incoming/restarted.csv", restarted.bytes());
            gate.awaitHeld(WAIT);
            database.stop();
            loader.awaitUntil(WAIT, "the load meets the outage", () -> loader.output().contains("retry 1 of 6")
                    || !ridesOutRestart && settled(scenario, "incoming/restarted.csv"));
            database.restart();
            gate.close();
            loader.awaitUntil(WAIT, "the file held at the restart is settled", () -> settled(scenario, "incoming/restarted.csv"));

            Path filter = workingDirectory.resolve("routes").resolve("filter.yaml");
            Files.writeString(filter, "- route:\n    id: row-filter\n    from: [unclosed\n");
            loader.awaitUntil(WAIT, "the broken filter file is refused", () -> loader.output().contains("Error reloading routes from file"));

            TestStack.aws().putObject(scenario.bucket(), "incoming/refused.csv", refused.bytes());
            awaitKey(loader, scenario, "failed/incoming/refused.csv.error.json");
            output = loader.output();
        }

        if (ridesOutRestart) {
            assertTrue(output.contains("retry 1 of 6"), output);
            assertEquals(List.of("processed/incoming/restarted.csv"), TestStack.aws().listKeys(scenario.bucket(), "processed/"), output);
            assertEquals(restarted.loadedIds(), Tables.transactionIds(database, scenario.table()), output);
        }
        assertFalse(output.contains("marked as broken"), "the retry line says it once:\n" + output);
        Matcher frame = STACK_FRAME.matcher(output);
        assertFalse(frame.find(), () -> "a stack frame at \"" + frame.group() + "\":\n" + output);
        assertHoldsNoValue(output, idPrefix, restarted, refused);
        String report = TestStack.aws().getObjectAsString(scenario.bucket(), "failed/incoming/refused.csv.error.json");
        assertTrue(report.contains("check constraint"), report);
        assertHoldsNoValue(report, idPrefix, restarted, refused);
        return output;
    }

    private static void assertHoldsNoValue(String text, String idPrefix, TransactionsFile... files) {
        Set<String> amounts = new HashSet<>();
        for (TransactionsFile file : files) {
            for (String line : new String(file.bytes(), StandardCharsets.UTF_8).lines().skip(1).toList()) {
                amounts.add(line.split(",")[2]);
            }
        }
        for (String value : List.of(idPrefix, "NZD", "2024-03-01")) {
            assertFalse(text.contains(value), () -> "\"" + value + "\" in:\n" + text);
        }
        Matcher account = ACCOUNT.matcher(text);
        assertFalse(account.find(), () -> "the account " + account.group() + " in:\n" + text);
        Matcher amount = AMOUNT.matcher(text);
        while (amount.find()) {
            String found = amount.group();
            assertFalse(amounts.contains(found), () -> "the amount " + found + " in:\n" + text);
        }
    }

    private static boolean settled(TestStack.Scenario scenario, String key) {
        return TestStack.aws().listKeys(scenario.bucket(), "processed/").contains("processed/" + key)
                || TestStack.aws().listKeys(scenario.bucket(), "failed/").contains("failed/" + key + ".error.json");
    }

    private static void awaitKey(LoaderProcess loader, TestStack.Scenario scenario, String key) throws InterruptedException {
        String prefix = key.substring(0, key.indexOf('/') + 1);
        loader.awaitUntil(WAIT, key, () -> TestStack.aws().listKeys(scenario.bucket(), prefix).contains(key));
    }
}
