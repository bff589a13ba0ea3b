package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged jar, as users run it: {@code java -jar target/s3-redshift-loader.jar} with the contract's exit codes. */
class LoaderJarIT {
    @Test
    void runOnceLoadsWhatIsWaitingAndExitsZero() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        TestStack.aws().putObject(scenario.bucket(), "incoming/jar.csv", "transaction_id,amount\nJ1,501\nJ2,500\n".getBytes(StandardCharsets.UTF_8));

        Result result = runJar(withRunOnce(scenario.environment()));

        assertEquals(0, result.exitCode(), result.output());
        assertEquals(List.of(List.of("J1")), TestStack.warehouse().query("SELECT transaction_id FROM " + scenario.table()));
        assertEquals("SUCCEEDED", Notifications.receive(scenario.queueUrl(), 1).get(0).statusAttribute());
    }

    @Test
    void runOnceExitsOneWhenAFileFailed() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        TestStack.aws().putObject(scenario.bucket(), "incoming/empty.csv", new byte[0]);

        Result result = runJar(withRunOnce(scenario.environment()));

        assertEquals(1, result.exitCode(), result.output());
        assertEquals(List.of("failed/incoming/empty.csv", "failed/incoming/empty.csv.error.json"),
                TestStack.aws().listKeys(scenario.bucket(), "failed/"));
    }

    @Test
    void badConfigurationExitsTwoWithOneLineNamingTheSetting() throws Exception {
        Map<String, String> env = withRunOnce(TestStack.scenario().environment());
        env.put("MAX_REJECTED_ROWS", "lots");
        env.put("REDSHIFT_PASSWORD", "Do-Not-Print-Me-42");

        Result result = runJar(env);

        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("MAX_REJECTED_ROWS"), result.output());
        assertEquals(1, result.output().lines().filter(line -> line.startsWith("Configuration error:")).count(), result.output());
        assertFalse(result.output().contains("Do-Not-Print-Me-42"), result.output());
    }

    @Test
    void missingBucketExitsTwo() throws Exception {
        Map<String, String> env = withRunOnce(TestStack.scenario().environment());
        env.remove("AWS_BUCKET_NAME");

        Result result = runJar(env);

        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("AWS_BUCKET_NAME"), result.output());
    }

    private static Map<String, String> withRunOnce(Map<String, String> environment) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("LOADER_RUN_ONCE", "true");
        return env;
    }

    record Result(int exitCode, String output) {
    }

    /** Runs the jar to its end with only the given environment (and the emulator's credentials). */
    static Result runJar(Map<String, String> env) throws IOException, InterruptedException {
        try (LoaderProcess loader = LoaderProcess.start(env)) {
            int exitCode = loader.awaitExit(120);
            return new Result(exitCode, loader.output());
        }
    }
}
