package io.s3redshiftloader.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The packaged loader jar as its own JVM, started the way users start it ({@code java -jar} in a folder holding
 * routes/ and config/, by default the project folder), with only the given environment, and metered from outside by a
 * {@link ProcessMeter}. Jar and folder are options so a long benchmark can run a snapshot that concurrent edits and
 * builds cannot change under it.
 */
final class LoaderJar {
    private final Path jar;
    private final Path directory;
    private final List<String> jvmOptions;

    /** How one run ended: exit code, wall time from process start to exit, CPU time, peak memory, and what it logged. */
    record Run(int exitCode, double wallSeconds, double cpuSeconds, long peakRssBytes, OptionalLong peakHeapBytes, String output) {
    }

    /**
     * @param directory the working directory, with the routes/ and config/ the jar reads
     * @param jvmOptions extra options for the child JVM, e.g. a JFR recording
     */
    LoaderJar(Path jar, Path directory, List<String> jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it first with 'mvn -B -q package -DskipTests'");
        }
        if (!Files.isDirectory(directory.resolve("routes")) || !Files.isDirectory(directory.resolve("config"))) {
            throw new IllegalStateException(directory.toAbsolutePath() + " does not hold the routes/ and config/ folders the loader reads");
        }
        this.jar = jar.toAbsolutePath();
        this.directory = directory;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    Path directory() {
        return directory;
    }

    /** Runs the jar until it exits by itself; the AWS credentials are the emulator's (it accepts any). */
    Run run(Map<String, String> env, List<String> moreJvmOptions, Duration timeout) {
        try {
            Path gcLog = Files.createTempFile("loader-bench-gc-", ".log");
            Path output = Files.createTempFile("loader-bench-", ".log");
            try {
                ProcessMeter meter = new ProcessMeter(gcLog);
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.add(meter.gcLogOption());
                command.addAll(jvmOptions);
                command.addAll(moreJvmOptions);
                command.add("-jar");
                command.add(jar.toString());
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                        .directory(directory.toFile());
                builder.environment().clear();
                builder.environment().put("AWS_ACCESS_KEY_ID", "test");
                builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
                builder.environment().putAll(env);
                long start = System.nanoTime();
                Process process = builder.start();
                meter.watch(process);
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException("The loader did not exit within " + timeout.toSeconds() + " s:\n" + tail(output));
                }
                double wallSeconds = (System.nanoTime() - start) / 1e9;
                return new Run(process.exitValue(), wallSeconds, meter.cpuSeconds(), meter.peakRssBytes(), meter.peakHeapBytes(), tail(output));
            } finally {
                Files.deleteIfExists(gcLog);
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + jar, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the loader ran", e);
        }
    }

    /** The last lines the loader logged: enough to see why it failed, short enough to print. */
    private static String tail(Path output) throws IOException {
        List<String> lines = Files.readAllLines(output);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
