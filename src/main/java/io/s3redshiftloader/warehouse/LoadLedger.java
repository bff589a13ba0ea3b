package io.s3redshiftloader.warehouse;

import io.s3redshiftloader.schema.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The ledger of loaded objects ({@code <schema>.loader_ledger}): which object (bucket, key, ETag) was loaded into the
 * target by which load. Its entry is written in the transaction that loads the rows, so the two commit together.
 */
public final class LoadLedger {
    private final DataSource dataSource;
    private final Dialect dialect;
    private final TableName ledger;
    private final TableName target;

    public LoadLedger(DataSource dataSource, Dialect dialect, TableName target) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.ledger = ledgerOf(target);
        this.target = target;
    }

    /** The ledger next to a target table. */
    public static TableName ledgerOf(TableName target) {
        return target.sibling("loader_ledger");
    }

    /** The load id that already loaded this object, if any: a quick look before a file is read, outside any load. */
    public Optional<String> findLoad(String bucket, String key, String etag) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return findLoad(connection, new LedgerEntry(bucket, key, etag, null));
        }
    }

    /** Takes the lock that makes loads check and record one after another; held until the transaction ends. */
    void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(dialect.lockTable(ledger))) {
            lock.execute();
        }
    }

    Optional<String> findLoad(Connection connection, LedgerEntry entry) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(dialect.findLoad(ledger))) {
            find.setString(1, entry.bucket());
            find.setString(2, entry.key());
            find.setString(3, entry.etag());
            try (ResultSet rows = find.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    void record(Connection connection, LedgerEntry entry, long rows) throws SQLException {
        try (PreparedStatement record = connection.prepareStatement(dialect.recordLoad(ledger))) {
            record.setString(1, entry.bucket());
            record.setString(2, entry.key());
            record.setString(3, entry.etag());
            record.setString(4, target.qualified());
            record.setString(5, entry.loadId());
            record.setLong(6, rows);
            record.setTimestamp(7, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
            record.executeUpdate();
        }
    }
}
