package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.config.SettingsSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WarehouseDataSourceTest {

    private static HikariConfig configFor(String jdbcUrl, String... settings) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        env.put("AWS_BUCKET_NAME", "bucket");
        env.put("ARN_SNS_URL_IN_AWS", "arn:aws:sns:us-east-1:123456789012:loads");
        env.put("REDSHIFT_JDBC_URL", jdbcUrl);
        env.put("REDSHIFT_DBUSER", "loader");
        env.put("REDSHIFT_PASSWORD", "secret");
        return WarehouseDataSource.config(LoaderSettings.load(new SettingsSource(env, new Properties())));
    }

    @Test
    void thePoolHoldsOneConnectionPerFileLoadingAtOnceAndTwoMore() {
        assertEquals(1 + 2, configFor("jdbc:postgresql://127.0.0.1/dev").getMaximumPoolSize());
        assertEquals(3 + 2, configFor("jdbc:postgresql://127.0.0.1/dev", "LOADER_WRITER_THREADS", "4", "LOADER_CONCURRENT_FILES", "3")
                .getMaximumPoolSize());
    }

    @Test
    void iamUrlsAuthenticateAsTheDatabaseUserWithoutAPassword() {
        HikariConfig config = configFor("jdbc:redshift:iam://analytics:eu-west-1/dev");
        assertEquals("com.amazon.redshift.Driver", config.getDriverClassName());
        assertEquals("loader", config.getDataSourceProperties().getProperty("DbUser"));
        assertNull(config.getUsername());
        assertNull(config.getPassword());
    }

    @Test
    void passwordUrlsUseUserAndPassword() {
        HikariConfig config = configFor("jdbc:redshift://analytics.abc.eu-west-1.redshift.amazonaws.com:5439/dev");
        assertEquals("com.amazon.redshift.Driver", config.getDriverClassName());
        assertEquals("loader", config.getUsername());
        assertEquals("secret", config.getPassword());
        assertNull(config.getDataSourceProperties().getProperty("DbUser"));
    }

    @Test
    void postgresqlStandInUsesPgjdbc() {
        assertEquals("org.postgresql.Driver", configFor("jdbc:postgresql://localhost:5432/postgres").getDriverClassName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:redshift:iam://analytics:eu-west-1/dev", "jdbc:redshift://h.example:5439/dev",
            "jdbc:redshift://127.0.0.1:5439/dev?ssl=false"})
    void redshiftConnectionsAskForTlsThemselvesAndTheUrlCanStillTurnItOff(String url) {
        // Redshift JDBC 2.3.0 (checked on the wire): ssl=false in the URL wins over this property, so the relayed
        // stand-in still connects in plain text, and a URL without ssl gets TLS with full certificate checks.
        assertEquals("true", configFor(url).getDataSourceProperties().getProperty("ssl"));
    }

    @Test
    void thePostgresqlStandInIsLeftToItsUrl() {
        assertNull(configFor("jdbc:postgresql://127.0.0.1:5432/postgres").getDataSourceProperties().getProperty("ssl"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // The derived IAM URLs and any Redshift URL that does not turn TLS off.
            "jdbc:redshift:iam://analytics:eu-west-1/dev",
            "jdbc:redshift:iam://etl-wg:eu-west-1/dev?isServerless=true&serverlessWorkGroup=etl-wg",
            "jdbc:redshift://analytics.abc.eu-west-1.redshift.amazonaws.com:5439/dev",
            "jdbc:redshift://analytics.abc.eu-west-1.redshift.amazonaws.com:5439/dev?ssl=true&sslmode=verify-ca",
            // The documented local stand-ins: TLS off, but the bytes never leave the machine.
            "jdbc:redshift://127.0.0.1:15439/postgres?ssl=false",
            "jdbc:redshift://localhost:15439/postgres;ssl=false",
            "jdbc:postgresql://127.0.0.1:5432/postgres",
            "jdbc:postgresql://localhost/postgres?sslmode=disable",
            "jdbc:postgresql://db.example.com/postgres?sslmode=verify-full"})
    void noWarningWhenTrafficIsEncryptedOrStaysOnThisMachine(String url) {
        assertEquals(Optional.empty(), WarehouseDataSource.tlsWarning(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:redshift://analytics.abc.eu-west-1.redshift.amazonaws.com:5439/dev?ssl=false",
            "jdbc:redshift://10.0.0.7:5439/dev;SSL=no",
            "jdbc:postgresql://db.example.com:5432/postgres",
            "jdbc:postgresql://db.example.com:5432/postgres?sslmode=prefer"})
    void oneWarningLineWhenTlsIsOffForAnotherMachine(String url) {
        String warning = WarehouseDataSource.tlsWarning(url).orElseThrow(() -> new AssertionError("no warning for " + url));
        assertTrue(warning.startsWith("TLS is off for the warehouse connection to "), warning);
        assertTrue(warning.contains("127.0.0.1"), "says when plain text is acceptable: " + warning);
        assertEquals(1, warning.lines().count(), warning);
    }

    @Test
    void theWarningNamesTheHostButNeverTheUrlsCredentials() {
        String warning = WarehouseDataSource.tlsWarning("jdbc:redshift://10.0.0.7:5439/dev?ssl=false&user=loader&PWD=Hunter2-secret").orElseThrow();
        assertTrue(warning.contains("10.0.0.7"), warning);
        assertFalse(warning.contains("Hunter2-secret"), warning);
    }
}
