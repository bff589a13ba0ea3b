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

    /**
     * One connection per file loading at once (its transaction), one for the quick ledger look before a file is read,
     * one for the readiness probe: no file waits for a connection another file holds.
     */
    static int poolSize(LoaderSettings settings) {
        return settings.concurrentFiles() + 2;
    }

    static HikariConfig config(LoaderSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("warehouse");
        config.setJdbcUrl(settings.jdbcUrl());
        Dialect dialect = Dialect.forJdbcUrl(settings.jdbcUrl());
        config.setDriverClassName(dialect.driverClassName());
        dialect.connectionProperties(new JdbcUrl(settings.jdbcUrl())).forEach(config::addDataSourceProperty);
        if (settings.jdbcUrl().startsWith(IAM_URL)) {
            // IAM auth: the driver gets temporary credentials for this database user from the AWS default provider chain,
            // creating the user on first use and putting it in these groups for the session when asked to.
            settings.dbUser().ifPresent(user -> config.addDataSourceProperty("DbUser", user));
            settings.dbAutoCreate().ifPresent(create -> config.addDataSourceProperty("AutoCreate", create.toString()));
            settings.dbGroups().ifPresent(groups -> config.addDataSourceProperty("DbGroups", groups));
        } else {
            settings.dbUser().ifPresent(config::setUsername);
            settings.dbPassword().ifPresent(config::setPassword);
        }
        config.setMaximumPoolSize(poolSize(settings));
        config.setMinimumIdle(1);
        // Start even when the database is down; each use retries.
        config.setInitializationFailTimeout(-1);
        // How long one database call waits for a connection before it counts as a failed attempt and is retried.
        config.setConnectionTimeout(settings.dbConnectTimeout().toMillis());
        return config;
    }
}
