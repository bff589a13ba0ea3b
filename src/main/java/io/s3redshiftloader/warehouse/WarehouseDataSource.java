package io.s3redshiftloader.warehouse;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.s3redshiftloader.config.LoaderSettings;

/** The HikariCP pool to the warehouse: the Redshift driver for jdbc:redshift: URLs, pgjdbc for a PostgreSQL stand-in. */
public final class WarehouseDataSource {
    private static final String IAM_URL = "jdbc:redshift:iam:";
    private WarehouseDataSource() {
    }

    public static HikariDataSource create(LoaderSettings settings) {
        return new HikariDataSource(config(settings));
    }

    static HikariConfig config(LoaderSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("warehouse");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setDriverClassName(Dialect.of(settings.jdbcUrl()) == Dialect.POSTGRESQL
                ? "org.postgresql.Driver" : "com.amazon.redshift.jdbc.Driver");
        if (settings.jdbcUrl().startsWith(IAM_URL)) {
            // IAM auth: the driver gets temporary credentials for this database user from the AWS default provider chain.
            settings.dbUser().ifPresent(user -> config.addDataSourceProperty("DbUser", user));
        } else {
            settings.dbUser().ifPresent(config::setUsername);
            settings.dbPassword().ifPresent(config::setPassword);
        }
        // Both drivers turn a batch of single-row INSERTs into multi-row INSERTs with this.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // Chunk writers plus the publisher and the ledger check.
        config.setMaximumPoolSize(settings.writerThreads() + 2);
        config.setMinimumIdle(1);
        // Start even when the database is down; each use retries.
        config.setInitializationFailTimeout(-1);
        // How long one database call waits for a connection before it counts as a failed attempt and is retried.
        config.setConnectionTimeout(settings.dbConnectTimeout().toMillis());
        return config;
    }
}
