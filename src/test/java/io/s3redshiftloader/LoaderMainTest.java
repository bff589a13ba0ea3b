package io.s3redshiftloader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.config.SettingsSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Settings found wrong only once Camel has read the routes, or by the port they name: exit 2 with one line, before any
 * connection is needed (the database here is a port where nothing listens).
 */
class LoaderMainTest {
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureErrors() {
        original = System.err;
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErrors() {
        System.setErr(original);
    }

    @Test
    void routesWithoutTheFilterAreAConfigurationError() {
        Map<String, String> env = environment();
        env.put("LOADER_ROUTES", "file:routes/error-handling.yaml,file:routes/sources.yaml,file:routes/load-file.yaml,file:routes/settle.yaml");

        assertEquals(2, LoaderMain.run(new SettingsSource(env, new Properties()), application -> { }));
        assertEquals(List.of("Configuration error: LOADER_ROUTES: no route in the listed files takes direct:row-filter (called by route"
                + " load-file); add the file that defines it (routes/filter.yaml defines direct:row-filter)"), errorLines());
    }

    @Test
    void anHttpPortInUseIsAConfigurationError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> env = environment();
            env.put("LOADER_HTTP_PORT", Integer.toString(taken.getLocalPort()));

            assertEquals(2, LoaderMain.run(new SettingsSource(env, new Properties()), application -> { }));
            List<String> lines = errorLines();
            assertEquals(1, lines.size(), lines.toString());
            assertEquals(true, lines.get(0).startsWith("Configuration error: LOADER_HTTP_PORT: port " + taken.getLocalPort()
                    + " is already in use"), lines.get(0));
        }
    }

    private List<String> errorLines() {
        return errors.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_BUCKET_NAME", "bucket");
        env.put("ARN_SNS_URL_IN_AWS", "arn:aws:sns:us-east-1:123456789012:loads");
        env.put("REDSHIFT_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/db");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
        env.put("LOADER_HTTP_PORT", "0");
        env.put("LOADER_ROUTES_RELOAD", "false");
        return env;
    }
}
