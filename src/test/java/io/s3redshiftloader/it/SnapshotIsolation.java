package io.s3redshiftloader.it;

import io.s3redshiftloader.local.LocalWarehouse;
import java.util.HashMap;
import java.util.Map;

/**
 * The stand-in made to isolate transactions as Redshift does: a database user whose transactions default to REPEATABLE
 * READ, where the snapshot is taken at the first statement that reads or writes, not at {@code LOCK}; and a ledger
 * without its primary key, which Redshift would not enforce. A loader that relied on the server's default isolation or
 * on the key instead of its locked check would load a raced object twice here.
 */
final class SnapshotIsolation {
    static final String USER = "loader_snapshot";

    private SnapshotIsolation() {
    }

    /** The scenario's environment with the loader connecting as the snapshot-isolation user. */
    static synchronized Map<String, String> environment(LocalWarehouse warehouse, Map<String, String> environment) {
        if (warehouse.query("SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'").isEmpty()) {
            warehouse.execute("CREATE ROLE " + USER + " LOGIN SUPERUSER");
            warehouse.execute("ALTER ROLE " + USER + " SET default_transaction_isolation = 'repeatable read'");
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("REDSHIFT_DBUSER", USER);
        return env;
    }

    /** Drops the ledger's primary key, as Redshift does not enforce one: only the loader's own check guards it. */
    static void withoutLedgerKey(LocalWarehouse warehouse, String ledger) {
        warehouse.execute("ALTER TABLE " + ledger + " DROP CONSTRAINT IF EXISTS loader_ledger_pkey");
    }
}
