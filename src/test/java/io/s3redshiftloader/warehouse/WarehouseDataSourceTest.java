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
        return WarehouseDataSource.config(settingsFor(jdbcUrl, settings));
    }

    /** Settings with REDSHIFT_DBUSER=loader and REDSHIFT_PASSWORD=secret. */
    private static WarehouseConnection settingsFor(String jdbcUrl, String... settings) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        env.put("AWS_BUCKET_NAME", "bucket");
        env.put("ARN_SNS_URL_IN_AWS", "arn:aws:sns:us-east-1:123456789012:loads");
        env.put("REDSHIFT_JDBC_URL", jdbcUrl);
        env.put("REDSHIFT_DBUSER", "loader");
        env.put("REDSHIFT_PASSWORD", "secret");
        return LoaderSettings.load(new SettingsSource(env, new Properties())).warehouseConnection();
    }

    @Test
    void theConnectionSettingsNeverPrintThePassword() {
        WarehouseConnection connection = settingsFor("jdbc:postgresql://127.0.0.1/dev");
        assertEquals(Optional.of("secret"), connection.password());
        assertFalse(connection.toString().contains("secret"), connection.toString());
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
    void aClusterUserIsCreatedAndJoinsGroupsOnlyWhenAsked() {
        Properties asked = configFor("jdbc:redshift:iam://analytics:eu-west-1/dev", "REDSHIFT_AUTO_CREATE", "true",
                "REDSHIFT_DB_GROUPS", "etl, loaders").getDataSourceProperties();
        assertEquals("loader", asked.getProperty("DbUser"));
        assertEquals("true", asked.getProperty("AutoCreate"));
        assertEquals("etl,loaders", asked.getProperty("DbGroups"));
        Properties notAsked = configFor("jdbc:redshift:iam://analytics:eu-west-1/dev").getDataSourceProperties();
        assertNull(notAsked.getProperty("AutoCreate"));
        assertNull(notAsked.getProperty("DbGroups"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:redshift:iam://etl-wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com:5439/dev",
            "jdbc:redshift:iam://etl-wg:eu-west-1/dev?isServerless=true&serverlessWorkGroup=etl-wg"})
    void serverlessGetsNoDatabaseUserForItFollowsTheIamIdentity(String url) {
        HikariConfig config = configFor(url, "REDSHIFT_AUTO_CREATE", "true", "REDSHIFT_DB_GROUPS", "etl");
        for (String property : new String[] {"DbUser", "AutoCreate", "DbGroups"}) {
            assertNull(config.getDataSourceProperties().getProperty(property), property);
        }
        assertNull(config.getUsername());
        assertNull(config.getPassword());
    }

    @Test
    void aDatabaseUserSetForServerlessIsNamedInOneWarningLine() {
        String warning = WarehouseDataSource.ignoredSettingsWarning(settingsFor(
                "jdbc:redshift:iam://etl-wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com:5439/dev")).orElseThrow();
        assertTrue(warning.startsWith("REDSHIFT_DBUSER ignored: Redshift Serverless"), warning);
        assertTrue(warning.contains("IAMR:<role>"), warning);
        assertEquals(1, warning.lines().count(), warning);
        assertFalse(warning.contains("secret"), warning);
    }

    @Test
    void noWarningWhereTheDatabaseUserSettingsAreUsed() {
        assertEquals(Optional.empty(), WarehouseDataSource.ignoredSettingsWarning(settingsFor("jdbc:redshift:iam://analytics:eu-west-1/dev",
                "REDSHIFT_AUTO_CREATE", "true", "REDSHIFT_DB_GROUPS", "etl")));
        assertEquals(Optional.empty(), WarehouseDataSource.ignoredSettingsWarning(settingsFor("jdbc:redshift://h.example:5439/dev")));
    }

    @Test
    void autoCreateAndGroupsOutsideClusterIamAuthenticationAreNamedAsIgnored() {
        String warning = WarehouseDataSource.ignoredSettingsWarning(settingsFor("jdbc:redshift://h.example:5439/dev",
                "REDSHIFT_AUTO_CREATE", "true", "REDSHIFT_DB_GROUPS", "etl")).orElseThrow();
        assertTrue(warning.startsWith("REDSHIFT_AUTO_CREATE, REDSHIFT_DB_GROUPS ignored"), warning);
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
            "jdbc:redshift://127.0.0.1:5439/dev", "jdbc:redshift://h.example:5439/dev?ssl=true"})
    void redshiftConnectionsAskForTlsWithHostNameChecksThemselves(String url) {
        // Redshift JDBC 2.2 and earlier verify only the certificate unless sslmode says verify-full.
        Properties properties = configFor(url).getDataSourceProperties();
        assertEquals("verify-full", properties.getProperty("sslmode"), url);
        assertEquals("true", properties.getProperty("ssl"), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:redshift://127.0.0.1:15439/postgres?ssl=false", "jdbc:redshift://localhost:15439/postgres;SSL=no"})
    void theRelayedStandInOnLoopbackKeepsItsPlainTextConnection(String url) {
        // Redshift JDBC 2.3.0 refuses to connect when sslmode is set next to ssl=false.
        Properties properties = configFor(url).getDataSourceProperties();
        assertNull(properties.getProperty("sslmode"), url);
        assertNull(properties.getProperty("ssl"), url);
        assertEquals("true", properties.getProperty("reWriteBatchedInserts"), url);
    }

    @Test
    void thePostgresqlStandInIsLeftToItsUrl() {
        assertEquals(new Properties(), configFor("jdbc:postgresql://127.0.0.1:5432/postgres").getDataSourceProperties());
    }
}
