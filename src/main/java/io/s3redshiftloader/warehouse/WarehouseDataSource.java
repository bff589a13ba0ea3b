package io.s3redshiftloader.warehouse;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HikariCP pool to the warehouse: the Redshift driver for jdbc:redshift: URLs, pgjdbc for a PostgreSQL stand-in. */
public final class WarehouseDataSource {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseDataSource.class);

    private WarehouseDataSource() {
    }

    public static HikariDataSource create(WarehouseConnection connection) {
        ignoredSettingsWarning(connection).ifPresent(LOG::warn);
        return new HikariDataSource(config(connection));
    }

    /** One line naming the database user settings this URL's authentication does not use, so none is ignored silently. */
    static Optional<String> ignoredSettingsWarning(WarehouseConnection connection) {
        JdbcUrl url = new JdbcUrl(connection.jdbcUrl());
        List<String> ignored = new ArrayList<>();
        if (url.serverless()) {
            connection.user().ifPresent(user -> ignored.add("REDSHIFT_DBUSER"));
        }
        if (url.serverless() || !url.iamAuth()) {
            connection.autoCreate().ifPresent(create -> ignored.add("REDSHIFT_AUTO_CREATE"));
            connection.groups().ifPresent(groups -> ignored.add("REDSHIFT_DB_GROUPS"));
        }
        if (ignored.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", ignored) + (url.serverless()
                ? " ignored: Redshift Serverless takes no database user; the user follows the IAM identity the loader runs as"
                        + " (IAMR:<role> or IAM:<user>), and that user needs the table privileges"
                : " ignored: only IAM authentication to a provisioned cluster uses them"));
    }

    /**
     * One connection per file loading at once (its transaction), one for the quick ledger look before a file is read,
     * one for the readiness probe: no file waits for a connection another file holds.
     */
    static int poolSize(WarehouseConnection connection) {
        return connection.concurrentFiles() + 2;
    }

    static HikariConfig config(WarehouseConnection connection) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("warehouse");
        config.setJdbcUrl(connection.jdbcUrl());
        Dialect dialect = Dialect.forJdbcUrl(connection.jdbcUrl());
        config.setDriverClassName(dialect.driverClassName());
        JdbcUrl url = new JdbcUrl(connection.jdbcUrl());
        dialect.connectionProperties(url).forEach(config::addDataSourceProperty);
        if (url.iamAuth()) {
            // IAM auth: the driver gets temporary credentials from AWS with the default provider chain's identity. On a
            // provisioned cluster they are for this database user, created on first use and put in these groups for
            // the session when asked to; Redshift Serverless has no such choice.
            if (!url.serverless()) {
                connection.user().ifPresent(user -> config.addDataSourceProperty("DbUser", user));
                connection.autoCreate().ifPresent(create -> config.addDataSourceProperty("AutoCreate", create.toString()));
                connection.groups().ifPresent(groups -> config.addDataSourceProperty("DbGroups", groups));
            }
        } else {
            connection.user().ifPresent(config::setUsername);
            connection.password().ifPresent(config::setPassword);
        }
        config.setMaximumPoolSize(poolSize(connection));
        config.setMinimumIdle(1);
        // Start even when the database is down; each use retries.
        config.setInitializationFailTimeout(-1);
        // How long one database call waits for a connection before it counts as a failed attempt and is retried.
        config.setConnectionTimeout(connection.connectTimeout().toMillis());
        return config;
    }
}
