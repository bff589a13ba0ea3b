package io.s3redshiftloader.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3redshiftloader.bench.Measurement.Method;
import io.s3redshiftloader.local.LocalAws;
import io.s3redshiftloader.local.LocalWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The benchmark: for the same generated transactions file, the loader jar end to end (S3 emulator in, embedded
 * PostgreSQL out), the COPY ceiling and a naive row-per-exchange route, printed as one markdown table with the machine it ran on; the loader also warm, after another
 * file in the same run. Run from the project folder, after
 * {@code mvn package}:
 *
 * <pre>
 * mvn -B -q test-compile exec:java@bench -Dexec.args="--rows=250000,1000000,4000000 --naive-max-rows=1000000 --gigabyte"
 * </pre>
 *
 * Options: {@code --rows} files to compare (default 250000,1000000,4000000); {@code --naive-max-rows} largest file the
 * slow naive route runs on (default 1000000); {@code --gigabyte} also loads a file of over 1 GB with -Xmx256m;
 * {@code --jar} the loader jar (default target/s3-redshift-loader.jar) and {@code --loader-dir} the folder it runs
 * in, which holds routes/ and config/ (default the project folder): a snapshot of the three elsewhere is safe from
 * concurrent edits and builds; {@code --loader-jvm-option} an extra option for the loader's JVM, repeatable (e.g. a
 * JFR recording); {@code --loader-env=NAME=value} a setting for the loader, repeatable (e.g. to compare chunk sizes).
 */
public final class Benchmark {
    /** About 70 bytes a row: 16 million rows make a file of over 1 GiB. */
    static final long GIGABYTE_ROWS = 16_000_000;
    /** The file a warm loader loads first, in the same run, so that the file measured after it finds the JIT done. */
    static final long WARM_UP_ROWS = 200_000;
    /** The loader takes the oldest file first, then by key: uploaded first, and named to sort first within a second. */
    private static final String WARM_UP_KEY = "incoming/0-warm-up.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalAws aws;
    private final LocalWarehouse warehouse;
    private final LoaderJar loaderJar;
    private final Path workDirectory;

    private final Map<String, String> loaderSettings;

    Benchmark(LocalAws aws, LocalWarehouse warehouse, LoaderJar loaderJar, Path workDirectory, Map<String, String> loaderSettings) {
        this.aws = aws;
        this.loaderSettings = Map.copyOf(loaderSettings);
        this.warehouse = warehouse;
        this.loaderJar = loaderJar;
        this.workDirectory = workDirectory;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        LoaderJar loaderJar = new LoaderJar(options.jar(), options.loaderDirectory(), options.loaderJvmOptions());
        Path workDirectory = Files.createTempDirectory("loader-bench-");
        List<Measurement> measurements = new ArrayList<>();
        String machine;
        try (LocalAws aws = LocalAws.start(); LocalWarehouse warehouse = LocalWarehouse.start()) {
            Benchmark benchmark = new Benchmark(aws, warehouse, loaderJar, workDirectory, options.loaderSettings());
            machine = benchmark.machine();
            for (long rows : options.rows()) {
                measurements.addAll(benchmark.compare(rows, rows <= options.naiveMaxRows()));
            }
            if (options.gigabyte()) {
                measurements.add(benchmark.boundedMemory(GIGABYTE_ROWS));
            }
        } finally {
            Files.deleteIfExists(workDirectory);
        }
        System.out.printf("%n%s%n%s%nLoad average at the end: %s%n", machine, ResultTable.markdown(measurements), loadAverage());
    }

    /** The three ways of loading one file of {@code rows} rows; the naive route only if {@code naive}. */
    List<Measurement> compare(long rows, boolean naive) throws Exception {
        BenchmarkFile file = generate(rows, true);
        String schema = "bench_" + rows;
        try {
            recreate(schema);
            Measurement loader = loader(Method.LOADER, file, schema + ".transactions", List.of(), Optional.empty());
            Measurement warm = warm(file, schema + ".transactions_warm");
            Measurement ceiling = ceiling(file, schema + ".transactions_copy");
            Measurement naiveRoute = naive ? naive(file, schema + ".transactions_naive")
                    : Measurement.notRun(Method.NAIVE, rows, file.bytes(), "skipped: more rows than --naive-max-rows");
            return List.of(loader, warm, ceiling, naiveRoute);
        } finally {
            warehouse.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            file.delete();
        }
    }

    /** The loader with a 256 MiB heap on a file of over 1 GB: memory must not grow with the file. */
    Measurement boundedMemory(long rows) {
        BenchmarkFile file = generate(rows, false);
        String schema = "bench_" + rows + "_xmx256m";
        try {
            recreate(schema);
            return loader(Method.LOADER_BOUNDED, file, schema + ".transactions", List.of("-Xmx256m"), Optional.empty());
        } catch (IllegalStateException failed) {
            System.out.printf("The -Xmx256m run did not complete: %s%n", failed.getMessage());
            return Measurement.notRun(Method.LOADER_BOUNDED, rows, file.bytes(), "did NOT complete: " + failed.getMessage().lines().findFirst().orElse(""));
        } finally {
            warehouse.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            file.delete();
        }
    }

    /** The loader as a long-running service meets the file: after another one, with its hot path already compiled. */
    private Measurement warm(BenchmarkFile file, String table) throws IOException {
        Path directory = Files.createTempDirectory(workDirectory, "warm-up-");
        BenchmarkFile warmUp = BenchmarkFile.write(directory, WARM_UP_ROWS, false);
        try {
            return loader(Method.LOADER_WARM, file, table, List.of(), Optional.of(warmUp));
        } finally {
            warmUp.delete();
            Files.deleteIfExists(directory);
        }
    }

    private BenchmarkFile generate(long rows, boolean withMatching) {
        requireDiskSpace(rows);
        long start = System.nanoTime();
        BenchmarkFile file = BenchmarkFile.write(workDirectory, rows, withMatching);
        progress("%,d rows: wrote %s (%.1f MB, %,d rows with amount > 500) in %.1f s", rows, file.csv(), file.bytes() / 1e6,
                file.matchingRows(), seconds(start));
        return file;
    }

    /** The file, the matching rows and the database's copies of them need about 200 bytes a row. */
    private void requireDiskSpace(long rows) {
        try {
            long free = Files.getFileStore(workDirectory).getUsableSpace();
            if (free < rows * 200) {
                throw new IllegalStateException(String.format("%,d rows need about %,d MB free in %s; only %,d MB are", rows, rows * 200 / 1_000_000,
                        workDirectory, free / 1_000_000));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not check free disk space in " + workDirectory, e);
        }
    }

    /**
     * Uploads the file (multipart: the emulator refuses single bodies over 11 MiB) to a fresh bucket and runs the jar
     * once over it with the loader's default settings. The time is the notification's {@code durationMs}: from the
     * loader's start on the object (its GET has answered) to the outcome after the commit, so JVM and Camel start-up
     * are left out; the process's wall time is in the notes. Any shortfall in the rows loaded fails the benchmark.
     *
     * @param warmUp a file the same run loads first, into the same table; the measurement is still of {@code file}
     */
    private Measurement loader(Method method, BenchmarkFile file, String table, List<String> jvmOptions, Optional<BenchmarkFile> warmUp) {
        String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        aws.createBucket(name);
        String topicArn = aws.createTopic(name);
        String queueUrl = aws.subscribeNewQueue(topicArn, name);
        String key = "incoming/" + file.csv().getFileName();
        long start = System.nanoTime();
        warmUp.ifPresent(first -> aws.putLargeObject(name, WARM_UP_KEY, first.csv()));
        aws.putLargeObject(name, key, file.csv());
        progress("%,d rows: uploaded to s3://%s/%s in %.1f s; running the loader jar%s", file.rows(), name, key, seconds(start),
                warmUp.isPresent() ? " (after a warm-up file)" : "");
        warehouse.execute("CHECKPOINT");

        LoaderJar.Run run;
        try {
            run = loaderJar.run(loaderEnvironment(name, topicArn, table), jvmOptions, Duration.ofMinutes(5).plusSeconds(file.rows() / 5000));
        } finally {
            // The emulator holds objects in memory: free it for the next file.
            for (String each : List.of(key, WARM_UP_KEY)) {
                aws.s3().deleteObject(b -> b.bucket(name).key(each));
                aws.s3().deleteObject(b -> b.bucket(name).key("processed/" + each));
            }
        }
        if (run.exitCode() != 0) {
            throw new IllegalStateException("The loader exited with " + run.exitCode() + ":\n" + run.output());
        }
        List<JsonNode> outcomes = notifications(queueUrl, warmUp.isPresent() ? 2 : 1);
        JsonNode outcome = outcomes.get(outcomes.size() - 1);
        if (!outcome.path("key").asText().equals(key)) {
            throw new IllegalStateException("The measured file was not the last one loaded: " + outcomes);
        }
        long loaded = outcome.path("rowsLoaded").asLong();
        long expectedInTable = file.matchingRows() + warmUp.map(BenchmarkFile::matchingRows).orElse(0L);
        if (!outcome.path("status").asText().equals("SUCCEEDED") || outcome.path("rowsRead").asLong() != file.rows()
                || loaded != file.matchingRows() || count(table) != expectedInTable) {
            throw new IllegalStateException("The loader did not load the " + file.matchingRows() + " matching rows of " + file.rows() + ": " + outcome
                    + ", table holds " + count(table) + " of " + expectedInTable + "\n" + run.output());
        }
        double seconds = outcome.path("durationMs").asLong() / 1000.0;
        progress("%,d rows: %s %.2f s (process %.1f s), peak RSS %d MiB", file.rows(), method.label, seconds, run.wallSeconds(),
                run.peakRssBytes() >> 20);
        List<String> notes = new ArrayList<>(List.of(
                String.format("process%s wall %.1f s, CPU %.1f s", warmUp.isPresent() ? " (both files)" : "", run.wallSeconds(), run.cpuSeconds()),
                jvmOptions.isEmpty() ? "default heap" : String.join(" ", jvmOptions)));
        if (method == Method.LOADER_BOUNDED) {
            notes.add("completed");
        }
        warmUp.ifPresent(first -> notes.add(String.format("after a %,d-row file in the same run", first.rows())));
        return new Measurement(method, file.rows(), file.bytes(), seconds, file.rows(), loaded, run.peakHeapBytes(),
                OptionalLong.of(run.peakRssBytes()), String.join("; ", notes));
    }

    private Map<String, String> loaderEnvironment(String bucket, String topicArn, String table) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_BUCKET_NAME", bucket);
        env.put("ARN_SNS_URL_IN_AWS", topicArn);
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        env.put("AWS_REGION", aws.region());
        env.put("TABLE_NAME", table);
        env.put("REDSHIFT_JDBC_URL", warehouse.jdbcUrl());
        env.put("REDSHIFT_DBUSER", warehouse.user());
        env.put("REDSHIFT_PASSWORD", warehouse.password());
        env.put("LOADER_RUN_ONCE", "true");
        // The benchmark measures loading; no HTTP server, and no clash with a port in use on the machine.
        env.put("LOADER_HTTP_PORT", "0");
        env.putAll(loaderSettings);
        return env;
    }

    /** The outcomes in the order the loader sent them (the SNS envelope's Timestamp). */
    private List<JsonNode> notifications(String queueUrl, int expected) {
        return aws.receiveAll(queueUrl, expected, Duration.ofSeconds(30)).stream().map(Benchmark::json)
                .sorted(Comparator.comparing(envelope -> envelope.path("Timestamp").asText()))
                .map(envelope -> json(envelope.path("Message").asText())).toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("Not an SNS notification: " + text, e);
        }
    }

    private Measurement ceiling(BenchmarkFile file, String table) throws Exception {
        return inBenchmarkJvm(Method.CEILING, file, table, file.matchingRows(), "the matching rows from a local file; in the benchmark JVM",
                connection -> CopyCeiling.copy(connection, file.matching(), table));
    }

    private Measurement naive(BenchmarkFile file, String table) throws Exception {
        return inBenchmarkJvm(Method.NAIVE, file, table, file.rows(), "local file; one autocommit INSERT per row; in the benchmark JVM",
                connection -> NaiveRoute.load(connection, file.csv(), table));
    }

    /** A way of loading rows over one connection of the benchmark's own, returning the rows the database took. */
    private interface LoadOverConnection {
        long load(Connection connection) throws Exception;
    }

    /** Times {@code load} into a fresh table of the loader's shape and checks it loaded exactly the matching rows. */
    private Measurement inBenchmarkJvm(Method method, BenchmarkFile file, String table, long inputRows, String notes, LoadOverConnection load)
            throws Exception {
        createTable(table);
        warehouse.execute("CHECKPOINT");
        long loaded;
        long start = System.nanoTime();
        try (Connection connection = warehouse.connect()) {
            loaded = load.load(connection);
        }
        double seconds = seconds(start);
        requireLoaded(method.label, file, loaded, table);
        progress("%,d rows: %s %.2f s", file.rows(), method.label, seconds);
        return new Measurement(method, file.rows(), file.bytes(), seconds, inputRows, loaded, OptionalLong.empty(), OptionalLong.empty(), notes);
    }

    private void requireLoaded(String method, BenchmarkFile file, long reported, String table) {
        long counted = count(table);
        if (reported != file.matchingRows() || counted != file.matchingRows()) {
            throw new IllegalStateException(method + " loaded " + reported + " rows (table holds " + counted + ") instead of " + file.matchingRows());
        }
    }

    private void recreate(String schema) {
        warehouse.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        warehouse.execute("CREATE SCHEMA " + schema);
    }

    /** The loader's own DDL, so the ceiling and the naive route write into the same table shape. */
    private void createTable(String table) throws IOException {
        warehouse.execute(Files.readString(ddl()).replace("${table}", table));
    }

    private Path ddl() {
        return loaderJar.directory().resolve(Path.of("config", "ddl", "transactions.sql"));
    }

    private long count(String table) {
        return ((Number) warehouse.query("SELECT count(*) FROM " + table).get(0).get(0)).longValue();
    }

    /** Where the figures came from: they only compare within one run on one machine. */
    String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        long memoryKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
        String emulator = JSON.readTree(Path.of("node_modules", "fauxqs", "package.json").toFile()).path("version").asText();
        return String.format("Machine: %d CPUs (%s), %.1f GiB RAM; Java %s (%s); PostgreSQL %s embedded (fsync %s, synchronous_commit %s);"
                + " fauxqs %s emulator (objects held in memory). Load average at the start: %s", Runtime.getRuntime().availableProcessors(), cpu, memoryKb / 1024.0 / 1024.0,
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"), setting("server_version"), setting("fsync"),
                setting("synchronous_commit"), emulator, loadAverage());
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine skews every figure. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private String setting(String name) {
        return (String) warehouse.query("SHOW " + name).get(0).get(0);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void progress(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }

    /** The command line, see the class comment. */
    record Options(List<Long> rows, long naiveMaxRows, boolean gigabyte, Path jar, Path loaderDirectory, List<String> loaderJvmOptions,
            Map<String, String> loaderSettings) {

        static Options parse(String[] args) {
            List<Long> rows = List.of(250_000L, 1_000_000L, 4_000_000L);
            long naiveMaxRows = 1_000_000;
            boolean gigabyte = false;
            Path jar = Path.of("target", "s3-redshift-loader.jar");
            Path loaderDirectory = Path.of(".");
            List<String> jvmOptions = new ArrayList<>();
            Map<String, String> settings = new HashMap<>();
            for (String arg : args) {
                String value = arg.substring(arg.indexOf('=') + 1);
                if (arg.startsWith("--rows=")) {
                    rows = value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(Options::count).toList();
                } else if (arg.startsWith("--naive-max-rows=")) {
                    naiveMaxRows = count(value);
                } else if (arg.equals("--gigabyte")) {
                    gigabyte = true;
                } else if (arg.startsWith("--jar=")) {
                    jar = Path.of(value);
                } else if (arg.startsWith("--loader-dir=")) {
                    loaderDirectory = Path.of(value);
                } else if (arg.startsWith("--loader-jvm-option=")) {
                    jvmOptions.add(value);
                } else if (arg.startsWith("--loader-env=") && value.indexOf('=') > 0) {
                    settings.put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
                } else {
                    throw new IllegalArgumentException("Unknown option " + arg
                            + "; use --rows=250000,1000000 --naive-max-rows=1000000 --gigabyte --jar=path --loader-dir=path --loader-jvm-option=-X... --loader-env=NAME=value");
                }
            }
            return new Options(rows, naiveMaxRows, gigabyte, jar, loaderDirectory, jvmOptions, settings);
        }

        private static long count(String value) {
            return Long.parseLong(value.trim().replace("_", ""));
        }
    }
}
