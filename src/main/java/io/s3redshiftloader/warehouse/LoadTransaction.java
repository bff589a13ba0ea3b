package io.s3redshiftloader.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One file's transaction on one connection: its isolation level and the place of the ledger lock are the dialect's,
 * the ledger check and entry are in it, and it commits once. A crash anywhere before the commit leaves nothing, because
 * the server aborts the open transaction.
 */
public final class LoadTransaction {
    private final DataSource dataSource;
    private final Dialect dialect;
    private final LoadLedger ledger;
    private final LedgerEntry entry;
    private Connection connection;
    private boolean checked;
    private Optional<String> earlierLoad = Optional.empty();
    private boolean ended;

    public LoadTransaction(DataSource dataSource, Dialect dialect, LoadLedger ledger, LedgerEntry entry) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.ledger = ledger;
        this.entry = entry;
    }

    public LedgerEntry entry() {
        return entry;
    }

    /**
     * The transaction's connection, opened on first use. Where the dialect locks the ledger before the rows, the lock is
     * taken and the ledger checked right away, before anything else reads or writes.
     */
    public synchronized Connection connection() throws SQLException {
        if (ended) {
            throw new IllegalStateException("The load's transaction has ended");
        }
        if (connection == null) {
            Connection opened = dataSource.getConnection();
            try {
                opened.setAutoCommit(false);
                opened.setTransactionIsolation(dialect.isolationLevel());
            } catch (SQLException | RuntimeException e) {
                closeAfter(e, opened);
                throw e;
            }
            connection = opened;
            if (dialect.locksLedgerBeforeRows()) {
                lockAndCheck();
            }
        }
        return connection;
    }

    /** The load that had already loaded this object, as found under the lock; empty until the check ran. */
    public synchronized Optional<String> earlierLoad() {
        return earlierLoad;
    }

    /**
     * Records the object and commits, unless the ledger shows it loaded already; then rolls back.
     *
     * @return the earlier load's id, or empty when this load committed
     */
    public synchronized Optional<String> commit(long rows) throws SQLException {
        Connection open = connection();
        try {
            if (!checked) {
                lockAndCheck();
            }
            if (earlierLoad.isPresent()) {
                open.rollback();
            } else {
                ledger.record(open, entry, rows);
                open.commit();
            }
            ended = true;
            return earlierLoad;
        } catch (SQLException | RuntimeException e) {
            rollbackAfter(e, open);
            throw e;
        }
    }

    private void lockAndCheck() throws SQLException {
        ledger.lock(connection);
        earlierLoad = ledger.findLoad(connection, entry);
        checked = true;
    }

    /** Rolls back unless committed and returns the connection; a failure here never hides the one that led to it. */
    public synchronized void close() throws SQLException {
        ended = true;
        if (connection == null) {
            return;
        }
        Connection open = connection;
        connection = null;
        SQLException failure = null;
        try {
            if (!open.getAutoCommit()) {
                open.rollback();
            }
        } catch (SQLException e) {
            failure = e;
        }
        try {
            open.close();
        } catch (SQLException e) {
            failure = keepFirst(failure, e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The first of two failures, with the later one added to it as suppressed; either may be null. */
    static SQLException keepFirst(SQLException first, SQLException later) {
        if (first == null) {
            return later;
        }
        if (later != null) {
            first.addSuppressed(later);
        }
        return first;
    }

    private static void rollbackAfter(Exception cause, Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeAfter(Exception cause, Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
