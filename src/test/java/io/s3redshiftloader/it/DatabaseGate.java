package io.s3redshiftloader.it;

import io.s3redshiftloader.local.LocalWarehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Holds the loader at an exact point of its work, inside the database: a trigger on a table makes the insert of a
 * chosen row wait for an advisory lock this gate holds. The loader's statement then waits, its transaction open, until
 * the test opens the gate (or kills the loader, or stops the database). Nothing in the loader knows about it.
 */
final class DatabaseGate implements AutoCloseable {
    private final LocalWarehouse warehouse;
    private final String table;
    private final String name;
    private final long lockKey;
    private Connection holder;

    private DatabaseGate(LocalWarehouse warehouse, String table, String name, long lockKey) {
        this.warehouse = warehouse;
        this.table = table;
        this.name = name;
        this.lockKey = lockKey;
    }

    /**
     * Closes a gate before inserting rows into {@code table} for which {@code condition} (SQL over NEW) holds.
     */
    static DatabaseGate beforeInsert(LocalWarehouse warehouse, String table, String condition) {
        long key = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
        String schema = table.substring(0, table.indexOf('.'));
        DatabaseGate gate = new DatabaseGate(warehouse, table, schema + ".gate_" + key, key);
        gate.holder = warehouse.connect();
        gate.run("SELECT pg_advisory_lock(" + key + ")");
        warehouse.execute("CREATE FUNCTION " + gate.name + "() RETURNS trigger AS $$ BEGIN IF " + condition
                + " THEN PERFORM pg_advisory_lock(" + key + "); PERFORM pg_advisory_unlock(" + key + "); END IF;"
                + " RETURN NEW; END $$ LANGUAGE plpgsql");
        warehouse.execute("CREATE TRIGGER gate_" + key + " BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION " + gate.name + "()");
        return gate;
    }

    /** How many loader statements are held at the gate now. */
    int heldStatements() {
        return warehouse.query("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = " + lockKey).size();
    }

    /** Waits until a loader statement is held at the gate. */
    void awaitHeld(Duration timeout) throws InterruptedException {
        awaitHeld(1, timeout);
    }

    /** Waits until this many loader statements (each on its own connection) are held at the gate at once. */
    void awaitHeld(int statements, Duration timeout) throws InterruptedException {
        Waits.until(timeout, statements + " loader statement(s) wait at the gate on " + table, () -> heldStatements() >= statements);
    }

    /** Cuts the connection of the statement held at the gate, as a dropped connection would: the loader retries it. */
    void cutHeldConnection() {
        warehouse.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = " + lockKey);
    }

    /** Lets the held statement, and every later one, through. */
    void open() {
        if (holder != null) {
            try {
                holder.close();
            } catch (SQLException e) {
                // The database was stopped: the lock went with the session.
            }
            holder = null;
        }
    }

    /** Opens the gate and removes the trigger (once the database is up). */
    @Override
    public void close() {
        open();
        warehouse.execute("DROP TRIGGER IF EXISTS gate_" + lockKey + " ON " + table);
        warehouse.execute("DROP FUNCTION IF EXISTS " + name + "()");
    }

    private void run(String sql) {
        try (Statement statement = holder.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
