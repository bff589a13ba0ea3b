package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.util.DriverDataSource;
import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.config.SettingsSource;
import io.s3redshiftloader.it.TestStack;
import io.s3redshiftloader.local.RedshiftStartupRelay;
import com.amazon.redshift.Driver;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What the Redshift JDBC driver does with the connection settings the loader gives it, through the relay to the
 * PostgreSQL stand-in (which answers every TLS request with "no"). Connections are opened the way the pool opens them.
 */
class RedshiftDriverAuthIT {

    private static LoaderSettings settings(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_BUCKET_NAME", "bucket");
        env.put("ARN_SNS_URL_IN_AWS", "arn:aws:sns:eu-west-1:123456789012:loads");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return LoaderSettings.load(new SettingsSource(env, new Properties()));
    }

    /** One connection as HikariCP's pool opens it from the loader's configuration. */
    private static Connection connect(HikariConfig config) throws SQLException {
        return new DriverDataSource(config.getJdbcUrl(), config.getDriverClassName(), config.getDataSourceProperties(),
                config.getUsername(), config.getPassword()).getConnection();
    }

    /** Every connection property the driver will act on, as it reads the URL over the loader's data source properties. */
    private static Map<String, String> asTheDriverReadsIt(HikariConfig config) throws SQLException {
        Map<String, String> read = new HashMap<>();
        for (DriverPropertyInfo property : new Driver().getPropertyInfo(config.getJdbcUrl(), config.getDataSourceProperties())) {
            if (property.value != null) {
                read.put(property.name.toLowerCase(Locale.ROOT), property.value);
            }
        }
        return read;
    }

    @Test
    void theDriverChecksTheHostNameUnlessTheUrlChoosesItsOwnSslmode() throws Exception {
        String cluster = "jdbc:redshift://analytics.abc.eu-west-1.redshift.amazonaws.com:5439/dev";
        assertEquals("verify-full", asTheDriverReadsIt(WarehouseDataSource.config(settings("REDSHIFT_JDBC_URL", cluster))).get("sslmode"));
        assertEquals("verify-ca", asTheDriverReadsIt(WarehouseDataSource.config(settings("REDSHIFT_JDBC_URL", cluster + "?SSLMode=verify-ca")))
                .get("sslmode"), "a choice written in the URL is the user's");
        Map<String, String> standIn = asTheDriverReadsIt(WarehouseDataSource.config(settings("REDSHIFT_JDBC_URL",
                "jdbc:redshift://127.0.0.1:15439/postgres?ssl=false")));
        assertEquals("false", standIn.get("ssl"));
        assertNull(standIn.get("sslmode"));
    }

    @Test
    void theRelayedStandInStillConnectsInPlainText() throws Exception {
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(TestStack.warehouse().port());
                Connection connection = connect(WarehouseDataSource.config(settings(
                        "REDSHIFT_JDBC_URL", relay.jdbcUrl(TestStack.warehouse().database()),
                        "REDSHIFT_DBUSER", TestStack.warehouse().user(), "REDSHIFT_PASSWORD", TestStack.warehouse().password())));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT 1")) {
            assertTrue(result.next());
            assertTrue(relay.statements().contains("SELECT 1"), relay.statements().toString());
        }
    }

    @Test
    void withoutSslFalseTheDriverInsistsOnTlsAndSendsNothingInPlainText() {
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(TestStack.warehouse().port())) {
            HikariConfig config = WarehouseDataSource.config(settings(
                    "REDSHIFT_JDBC_URL", "jdbc:redshift://localhost:" + relay.port() + "/" + TestStack.warehouse().database(),
                    "REDSHIFT_DBUSER", TestStack.warehouse().user(), "REDSHIFT_PASSWORD", TestStack.warehouse().password()));
            SQLException refused = assertThrows(SQLException.class, () -> connect(config).close());
            assertTrue(String.valueOf(refused.getMessage()).contains("SSL"), refused.getMessage());
            assertEquals(1, relay.statementsByConnection().size(), "the driver reached the relay once");
            assertEquals(List.of(), relay.statements());
        }
    }
}
