package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.local.LocalWarehouse;
import io.s3redshiftloader.local.RedshiftStartupRelay;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relay records the SQL the Redshift driver sends, in order and per connection, while the session still works
 * end to end. The expected lists are what driver 2.3.0 sends: a session setting on connect, BEGIN before the first
 * statement when autocommit is off, {@code ?} rewritten to {@code $1}, and one Parse for the whole batch.
 */
class RedshiftRelayCaptureIT {
    private static final String SESSION_SETUP = "SET extra_float_digits = 3";

    @Test
    void recordsEveryStatementTheDriverSendsInOrderPerConnection() throws Exception {
        LocalWarehouse warehouse = TestStack.warehouse();
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(warehouse.port())) {
            try (Connection connection = connect(relay, warehouse)) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TEMP TABLE t (a int)");
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?)")) {
                    for (int a = 1; a <= 3; a++) {
                        insert.setInt(1, a);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                assertEquals(3, count(connection, "SELECT count(*) FROM t"));
                connection.commit();
            }
            List<String> transaction = List.of(SESSION_SETUP, "BEGIN", "CREATE TEMP TABLE t (a int)", "INSERT INTO t VALUES ($1)",
                    "SELECT count(*) FROM t", "COMMIT");
            assertEquals(transaction, relay.statements());
            assertEquals(List.of(transaction), relay.statementsByConnection());

            relay.clearStatements();
            try (Connection connection = connect(relay, warehouse)) {
                assertEquals(1, count(connection, "SELECT 1"));
            }
            assertEquals(List.of(SESSION_SETUP, "SELECT 1"), relay.statements());
            assertEquals(List.of(List.of(), List.of(SESSION_SETUP, "SELECT 1")), relay.statementsByConnection());
        }
    }

    private static Connection connect(RedshiftStartupRelay relay, LocalWarehouse warehouse) throws SQLException {
        return DriverManager.getConnection(relay.jdbcUrl(warehouse.database()), warehouse.user(), warehouse.password());
    }

    private static int count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
