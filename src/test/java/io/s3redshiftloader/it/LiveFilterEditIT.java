package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing routes/filter.yaml while the loader runs: the next file is loaded with the new filter, without a restart; a
 * file already loading keeps the filter it started with; a filter file that does not parse is refused and the filter
 * in effect stays.
 */
class LiveFilterEditIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path workingDirectory;

    @Test
    void anEditedFilterAppliesToTheNextFileWithoutDisturbingTheOneLoading() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        Map<String, String> env = new HashMap<>(scenario.environment());
        env.put("LOADER_POLL_INTERVAL_MS", "300");
        Map<String, String> setup = new HashMap<>(env);
        setup.put("LOADER_RUN_ONCE", "true");
        assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(setup), "creates the tables");
        copy(Path.of("routes"), workingDirectory.resolve("routes"));
        copy(Path.of("config"), workingDirectory.resolve("config"));
        Path filter = workingDirectory.resolve("routes").resolve("filter.yaml");
        TransactionsFile loading = new TransactionsFile("F", 1000);
        TransactionsFile next = new TransactionsFile("G", 1000);
        TransactionsFile afterBrokenEdit = new TransactionsFile("H", 1000);

        DatabaseGate gate = DatabaseGate.beforeInsert(TestStack.warehouse(), scenario.table(), "NEW.transaction_id = '" + loading.id(600) + "'");
        try (LoaderProcess loader = LoaderProcess.start(env, workingDirectory)) {
            TestStack.aws().putObject(scenario.bucket(), "incoming/loading.csv", loading.bytes());
            gate.awaitHeld(WAIT);
            // The flow's own routes change only with a restart: saving one of them, even broken, changes nothing.
            Files.writeString(workingDirectory.resolve("routes").resolve("settle.yaml"), "- route:\n    id: settle\n    from: [unclosed\n");
            Files.writeString(filter, Files.readString(filter).replace("${body[amount]} > 500", "${body[amount]} > 900"));
            loader.awaitUntil(WAIT, "the edited filter is reloaded", () -> loader.output().contains("Routes reloaded summary"));
            assertFalse(loader.output().contains("routes/settle.yaml"), "a saved flow file is not reloaded");
            gate.close();
            awaitProcessed(loader, scenario, "incoming/loading.csv");
            assertEquals(loading.loadedIds(), ids(scenario, "F"), "the file loading during the edit keeps the filter it started with");

            TestStack.aws().putObject(scenario.bucket(), "incoming/next.csv", next.bytes());
            awaitProcessed(loader, scenario, "incoming/next.csv");
            assertEquals(idsOver(next, 900), ids(scenario, "G"), "the next file is filtered by the edited filter");

            int before = loader.output().length();
            Files.writeString(filter, "- route:\n    id: row-filter\n    from: [unclosed\n");
            loader.awaitUntil(WAIT, "the broken filter file is refused", () -> loader.output().substring(before)
                    .contains("Error reloading routes from file: routes/filter.yaml"));
            TestStack.aws().putObject(scenario.bucket(), "incoming/after-broken-edit.csv", afterBrokenEdit.bytes());
            awaitProcessed(loader, scenario, "incoming/after-broken-edit.csv");
            assertEquals(idsOver(afterBrokenEdit, 900), ids(scenario, "H"), "a filter file that does not parse leaves the last good filter");
        }
    }

    private static void awaitProcessed(LoaderProcess loader, TestStack.Scenario scenario, String key) throws InterruptedException {
        loader.awaitUntil(WAIT, key + " is processed", () -> TestStack.aws().listKeys(scenario.bucket(), "processed/").contains("processed/" + key));
    }

    private static List<String> ids(TestStack.Scenario scenario, String prefix) {
        return Tables.transactionIds(TestStack.warehouse(), scenario.table()).stream().filter(id -> id.startsWith(prefix)).toList();
    }

    /** The file's ids whose amount is over the limit, read from its CSV (column 3), in table order. */
    private static List<String> idsOver(TransactionsFile file, int limit) {
        return new String(file.bytes(), StandardCharsets.UTF_8).lines().skip(1).map(line -> line.split(","))
                .filter(fields -> new BigDecimal(fields[2]).compareTo(BigDecimal.valueOf(limit)) > 0).map(fields -> fields[0]).sorted().toList();
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
