package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.zaxxer.hikari.HikariConfig;
import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.config.SettingsSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class WarehouseDataSourceTest {

    private static HikariConfig configFor(String jdbcUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_BUCKET_NAME", "bucket");
        env.put("ARN_SNS_URL_IN_AWS", "arn:aws:sns:us-east-1:123456789012:loads");
        env.put("REDSHIFT_JDBC_URL", jdbcUrl);
        env.put("REDSHIFT_DBUSER", "loader");
        env.put("REDSHIFT_PASSWORD", "secret");
        return WarehouseDataSource.config(LoaderSettings.load(new SettingsSource(env, new Properties())));
    }

    @Test
    void iamUrlsAuthenticateAsTheDatabaseUserWithoutAPassword() {
        HikariConfig config = configFor("jdbc:redshift:iam://analytics:eu-west-1/dev");
        assertEquals("com.amazon.redshift.jdbc.Driver", config.getDriverClassName());
        assertEquals("loader", config.getDataSourceProperties().getProperty("DbUser"));
        assertNull(config.getUsername());
        assertNull(config.getPassword());
    }

    @Test
    void passwordUrlsUseUserAndPassword() {
        HikariConfig config = configFor("jdbc:redshift://analytics.abc.eu-west-1.redshift.amazonaws.com:5439/dev");
        assertEquals("com.amazon.redshift.jdbc.Driver", config.getDriverClassName());
        assertEquals("loader", config.getUsername());
        assertEquals("secret", config.getPassword());
        assertNull(config.getDataSourceProperties().getProperty("DbUser"));
    }

    @Test
    void postgresqlStandInUsesPgjdbc() {
        assertEquals("org.postgresql.Driver", configFor("jdbc:postgresql://localhost:5432/postgres").getDriverClassName());
    }
}
