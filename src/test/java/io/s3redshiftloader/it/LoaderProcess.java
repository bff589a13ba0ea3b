package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The packaged jar running as its own JVM, as users run it ({@code java -jar target/s3-redshift-loader.jar} in the
 * project folder, which holds routes/ and config/), with only the given environment. It can be killed without warning
 * ({@code kill -9}): no shutdown hook, no finally block, no flush runs.
 */
final class LoaderProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target", "s3-redshift-loader.jar");

    private final Process process;
    private final Path output;

    private LoaderProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts the jar in the project folder; AWS credentials default to the emulator's unless the environment sets its own. */
    static LoaderProcess start(Map<String, String> env) throws IOException {
        return start(env, Path.of(""));
    }

    /** Starts the jar in a working directory that holds routes/ and config/, as a user's copy does. */
    static LoaderProcess start(Map<String, String> env, Path workingDirectory) throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by 'mvn package' before the integration tests");
        Path output = Files.createTempFile("loader-jar-", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toAbsolutePath().toString()).directory(workingDirectory.toAbsolutePath().toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().putAll(env);
        return new LoaderProcess(builder.start(), output);
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("The loader did not exit within " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    /** Waits for a state the running loader should reach; on timeout the failure shows what the loader logged. */
    void awaitUntil(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        try {
            Waits.until(timeout, what, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nLoader output:\n" + output(), e);
        }
    }

    /** The line the loader logs once S3 and the database have answered and it takes files. */
    static final String TAKING_FILES = "S3 and the database answer; taking files ";

    /** SIGTERM, as an orchestrator stops a container. */
    void terminate() {
        process.destroy();
    }

    /** SIGINT, as Ctrl-C in a terminal. */
    void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the JVM dies where it stands, as in a crash or an OOM kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Whether a line about the file (its key in the text log's MDC prefix) says this. */
    boolean logged(String key, String text) {
        return output().lines().anyMatch(line -> line.contains("[" + key + " ") && line.contains(text));
    }

    /** Everything the process wrote to stdout and stderr so far. */
    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(output);
    }
}
