package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3redshiftloader.local.LocalAws;
import io.s3redshiftloader.local.RedshiftStartupRelay;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * No secret ever leaves the process. The packaged jar runs with canary values as the database password (in
 * REDSHIFT_PASSWORD and, a different one, in the JDBC URL), the AWS secret key and the AWS session token, and takes
 * the paths where an error message could carry one out: a good file, rejected rows, a dead-lettered file, the
 * database refusing a load, the database going away mid-run, and a database that cannot be reached or a URL the
 * driver refuses at start. No canary may appear in the process's output, in any SNS notification, or in any object
 * the loader wrote (reports under failed/ and rejected/ included). DEBUG logging is not turned on: this is what a
 * production run emits.
 */
class SecretsNeverLeakIT {
    /** Every canary starts with this, so one search finds any of them, even partly masked. */
    private static final String CANARY = "S3cr3t-Canary-7f3a9";
    private static final String DB_PASSWORD = CANARY + "-db";
    private static final String URL_PASSWORD = CANARY + "-url";
    private static final String AWS_SECRET = CANARY + "-aws";
    private static final String AWS_TOKEN = CANARY + "-token";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void goodRejectedDeadLetteredRefusedAndUnreachableLoadsLeakNoSecret() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        LocalAws aws = TestStack.aws();
        String bucket = scenario.bucket();
        aws.putObject(bucket, "incoming/good.csv", csv("transaction_id,amount,merchant\nG1,900,Shop\nG2,100,Shop\n"));
        aws.putObject(bucket, "incoming/some-rejects.csv", csv("transaction_id,amount\nR1,901\nR2,n/a\n"));
        aws.putObject(bucket, "incoming/too-many-rejects.csv", csv("transaction_id,amount\nT1,x\nT2,y\nT3,903\n"));
        aws.putObject(bucket, "incoming/empty.csv", new byte[0]);
        // Passes the loader's validation; the table's CHECK constraint makes the database refuse it.
        aws.putObject(bucket, "incoming/refused.csv", csv("transaction_id,amount\nX1,5000000\n"));

        String output;
        Map<String, JsonNode> outcomes = new TreeMap<>();
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(TestStack.warehouse().port())) {
            Map<String, String> env = secretEnvironment(scenario, relay.jdbcUrl(TestStack.warehouse().database()) + "&password=" + URL_PASSWORD);
            env.put("TABLE_DDL", checkedTableDdl().toString());
            env.put("MAX_REJECTED_ROWS", "1");
            env.put("LOADER_POLL_INTERVAL_MS", "300");
            env.put("LOADER_DB_CONNECT_TIMEOUT_MS", "500");
            try (LoaderProcess loader = LoaderProcess.start(env)) {
                collect(outcomes, scenario, 5);
                // The database goes away under the running loader: connection errors, retries, and a rollback that
                // fails too.
                relay.close();
                aws.putObject(bucket, "incoming/unreachable.csv", csv("transaction_id,amount\nU1,999\n"));
                loader.awaitUntil(WAIT, "the file is dead-lettered while the database is away",
                        () -> aws.listKeys(bucket, "failed/").contains("failed/incoming/unreachable.csv.error.json"));
                collect(outcomes, scenario, 1);
                output = loader.output();
            }
        }

        // The paths were taken (otherwise the absence of a canary below would prove nothing).
        assertEquals("SUCCEEDED", status(outcomes, "incoming/good.csv"));
        assertEquals("SUCCEEDED", status(outcomes, "incoming/some-rejects.csv"));
        assertEquals("FAILED", status(outcomes, "incoming/too-many-rejects.csv"));
        assertEquals("FAILED", status(outcomes, "incoming/empty.csv"));
        assertTrue(error(outcomes, "incoming/refused.csv").startsWith("The database refused the load after retries: "),
                error(outcomes, "incoming/refused.csv"));
        assertTrue(error(outcomes, "incoming/unreachable.csv").startsWith("The database could not be reached after retries: "),
                error(outcomes, "incoming/unreachable.csv"));
        assertEquals(List.of("rejected/incoming/some-rejects.csv.rejects.csv", "rejected/incoming/too-many-rejects.csv.rejects.csv"),
                aws.listKeys(bucket, "rejected/"));
        assertEquals(4, aws.listKeys(bucket, "failed/").stream().filter(key -> key.endsWith(".error.json")).count());
        assertTrue(output.contains("retry 1 of 2"), "database faults were retried and logged:\n" + output);

        assertNoCanary("the loader's output", output);
        outcomes.forEach((key, notification) -> assertNoCanary("the notification for " + key, notification.toString()));
        for (String key : aws.listKeys(bucket, "")) {
            assertNoCanary("s3://" + bucket + "/" + key, aws.getObjectAsString(bucket, key));
        }
        // The relayed stand-in runs without TLS on loopback, as documented: no warning for it.
        assertFalse(output.contains("TLS is off"), output);
    }

    @Test
    void aDatabaseThatCannotBeReachedAtStartLeaksNoSecret() throws Exception {
        String output = runUntilItStops("jdbc:redshift://127.0.0.1:" + closedPort() + "/postgres?ssl=false&PWD=" + URL_PASSWORD, 1);

        assertTrue(output.contains("Starting: the database at 127.0.0.1:") && output.contains("The loader stopped: "), output);
        assertNoCanary("the loader's output", output);
    }

    @Test
    void aUrlTheDriverWouldRefuseIsReportedWithoutItsCredential() throws Exception {
        // Refused before the driver sees it (HikariCP would quote the URL, masking only "password=", not PWD=).
        String output = runUntilItStops("jdbc:redshift://127.0.0.1:no-port/postgres?ssl=false&PWD=" + URL_PASSWORD, 2);

        assertTrue(output.contains("Configuration error: REDSHIFT_JDBC_URL: port 'no-port'"), output);
        assertNoCanary("the loader's output", output);
    }

    /** Runs the jar once against a database it cannot use; it must stop with this exit code. */
    private static String runUntilItStops(String jdbcUrl, int exitCode) throws Exception {
        Map<String, String> env = secretEnvironment(TestStack.scenario(), jdbcUrl);
        env.put("LOADER_RUN_ONCE", "true");
        env.put("LOADER_DB_CONNECT_TIMEOUT_MS", "500");
        try (LoaderProcess loader = LoaderProcess.start(env)) {
            assertEquals(exitCode, loader.awaitExit(120), loader.output());
            return loader.output();
        }
    }

    /** The scenario's environment with every secret the loader knows of set to a canary; the emulator takes any credentials. */
    private static Map<String, String> secretEnvironment(TestStack.Scenario scenario, String jdbcUrl) {
        Map<String, String> env = new HashMap<>(scenario.environment(jdbcUrl));
        env.put("REDSHIFT_PASSWORD", DB_PASSWORD);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", AWS_SECRET);
        env.put("AWS_SESSION_TOKEN", AWS_TOKEN);
        return env;
    }

    /** The sample table's required columns, with a constraint the loader does not know about. */
    private static Path checkedTableDdl() throws IOException {
        Path ddl = Files.createTempFile("checked-table-", ".sql");
        ddl.toFile().deleteOnExit();
        Files.writeString(ddl, "CREATE TABLE IF NOT EXISTS ${table} (transaction_id VARCHAR(64) NOT NULL,"
                + " amount DECIMAL(18,2) NOT NULL CHECK (amount < 1000000), merchant VARCHAR(256))");
        return ddl;
    }

    /** Receives notifications whole (subject, attributes, body) and keeps each body by its file's key. */
    private static void collect(Map<String, JsonNode> outcomes, TestStack.Scenario scenario, int expected) throws IOException {
        for (String envelope : TestStack.aws().receiveAll(scenario.queueUrl(), expected, WAIT)) {
            assertNoCanary("an SNS envelope", envelope);
            JsonNode body = JSON.readTree(JSON.readTree(envelope).path("Message").asText());
            outcomes.put(body.path("key").asText(), body);
        }
    }

    private static String status(Map<String, JsonNode> outcomes, String key) {
        assertTrue(outcomes.containsKey(key), "a notification for " + key + ": " + outcomes.keySet());
        return outcomes.get(key).path("status").asText();
    }

    private static String error(Map<String, JsonNode> outcomes, String key) {
        assertEquals("FAILED", status(outcomes, key));
        return outcomes.get(key).path("error").asText();
    }

    private static void assertNoCanary(String where, String text) {
        int at = text.indexOf(CANARY);
        if (at >= 0) {
            throw new AssertionError("A secret leaked into " + where + ": ..."
                    + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 100)) + "...");
        }
    }

    private static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A port nothing listens on: taken from the OS, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
