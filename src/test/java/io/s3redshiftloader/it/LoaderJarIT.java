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

    @Test
    void everyMissingRequiredSettingIsReportedInOneRun() throws Exception {
        Map<String, String> env = withRunOnce(TestStack.scenario().environment());
        env.remove("AWS_BUCKET_NAME");
        env.remove("ARN_SNS_URL_IN_AWS");
        env.remove("REDSHIFT_JDBC_URL");

        Result result = runJar(env);

        assertEquals(2, result.exitCode(), result.output());
        assertEquals(List.of("Configuration error: AWS_BUCKET_NAME: required but not set",
                "Configuration error: ARN_SNS_URL_IN_AWS: required but not set",
                "Configuration error: REDSHIFT_JDBC_URL: not set, and neither REDSHIFT_CLUSTER_IDENTIFIER nor REDSHIFT_WORKGROUP is set to derive it from"),
                result.output().lines().toList());
    }

    @Test
    void aJdbcUrlWithABadPortIsOneLineNamingTheSetting() throws Exception {
        Map<String, String> env = withRunOnce(TestStack.scenario().environment());
        env.put("REDSHIFT_JDBC_URL", "jdbc:postgresql://127.0.0.1:notaport/db");

        Result result = runJar(env);

        assertEquals(2, result.exitCode(), result.output());
        assertEquals(List.of("Configuration error: REDSHIFT_JDBC_URL: port 'notaport' of 127.0.0.1 is not a number from 1 to 65535"),
                result.output().lines().toList());
    }

    @Test
    void routesWithoutTheFilterAreRefusedBeforeAnythingIsCreated() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        Map<String, String> env = withRunOnce(scenario.environment());
        env.put("LOADER_ROUTES", "file:routes/error-handling.yaml,file:routes/sources.yaml,file:routes/load-file.yaml,file:routes/settle.yaml");

        Result result = runJar(env);

        assertEquals(2, result.exitCode(), result.output());
        assertEquals(1, result.output().lines().filter(line -> line.startsWith("Configuration error: LOADER_ROUTES: no route in the listed files"
                + " takes direct:row-filter")).count(), result.output());
        assertNothingCreated(scenario);
    }

    @Test
    void aMissingRouteFileIsRefusedBeforeAnythingIsCreated() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        Map<String, String> env = withRunOnce(scenario.environment());
        env.put("LOADER_ROUTES", "file:routes/load-file.yaml,file:routes/filters.yaml");

        Result result = runJar(env);

        assertEquals(2, result.exitCode(), result.output());
        assertEquals(List.of("Configuration error: LOADER_ROUTES: routes/filters.yaml does not exist"), result.output().lines().toList());
        assertNothingCreated(scenario);
    }

    @Test
    void anHttpPortInUseIsRefusedNamingTheSetting() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        Map<String, String> env = withRunOnce(scenario.environment());
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            env.put("LOADER_HTTP_PORT", Integer.toString(taken.getLocalPort()));

            Result result = runJar(env);

            assertEquals(2, result.exitCode(), result.output());
            assertTrue(result.output().lines().anyMatch(line -> line.startsWith("Configuration error: LOADER_HTTP_PORT: port "
                    + taken.getLocalPort() + " is already in use")), result.output());
            assertFalse(result.output().contains("\tat "), "no stack trace: " + result.output());
            assertFalse(result.output().contains("/observe/health"), "no health URL announced: " + result.output());
        }
        assertNothingCreated(scenario);
    }

    private static void assertNothingCreated(TestStack.Scenario scenario) {
        assertEquals(List.of(), TestStack.warehouse().query("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                + scenario.table().substring(0, scenario.table().indexOf('.')) + "'"));
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
