package io.s3redshiftloader.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The ledger of loaded objects and the one transaction that makes a load visible: under a lock on the ledger, check
 * the object (bucket, key, ETag) is not loaded yet, move its staged rows into the target, record it, clear the stage.
 */
public final class LoadLedger {
    private final DataSource dataSource;
    private final WarehouseSql sql;

    public LoadLedger(DataSource dataSource, WarehouseSql sql) {
        this.dataSource = dataSource;
        this.sql = sql;
    }

    /** The load id that already loaded this object, if any. */
    public Optional<String> findLoad(String bucket, String key, String etag) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return findLoad(connection, bucket, key, etag);
        }
    }

    private Optional<String> findLoad(Connection connection, String bucket, String key, String etag) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(sql.findLoad())) {
            find.setString(1, bucket);
            find.setString(2, key);
            find.setString(3, etag);
            try (ResultSet rows = find.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Publishes a staged load atomically: its S3 parts (if any) are copied into the stage, then the stage into the target.
     *
     * @return empty when published now; otherwise the id of the load that had already published this object (this
     *         load's staged rows are then discarded)
     * @throws IllegalStateException if the stage does not hold exactly {@code expectedRows} rows for this load
     */
    public Optional<String> publish(String bucket, String key, String etag, String loadId, List<String> columns,
            long expectedRows, StageCopy parts) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // Before the lock, which serialises publishes: a COPY from S3 may take a while.
                parts.copy(connection, loadId, columns);
                execute(connection, sql.lockLedger());
                Optional<String> earlier = findLoad(connection, bucket, key, etag);
                if (earlier.isPresent()) {
                    connection.rollback();
                    discard(loadId);
                    return earlier;
                }
                long published = columns.isEmpty() ? 0 : update(connection, sql.publish(columns), loadId);
                if (published != expectedRows) {
                    throw new IllegalStateException("The stage held " + published + " rows for load " + loadId
                            + " where " + expectedRows + " were written; nothing was loaded.");
                }
                try (PreparedStatement record = connection.prepareStatement(sql.recordLoad())) {
                    record.setString(1, bucket);
                    record.setString(2, key);
                    record.setString(3, etag);
                    record.setString(4, sql.target().qualified());
                    record.setString(5, loadId);
                    record.setLong(6, published);
                    record.setTimestamp(7, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
                    record.executeUpdate();
                }
                update(connection, sql.deleteStagedLoad(), loadId);
                connection.commit();
                return Optional.empty();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Removes a load's staged rows; it will not be published. */
    public void discard(String loadId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            update(connection, sql.deleteStagedLoad(), loadId);
        }
    }

    /**
     * Removes the rows of loads that never finished (their loader crashed): loads that wrote no chunk since
     * {@code writtenBefore}. Loads in flight on other loaders keep their rows.
     */
    public long clearStaleStage(LocalDateTime writtenBefore) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(sql.deleteStaleStaged())) {
            connection.setAutoCommit(true);
            delete.setTimestamp(1, Timestamp.valueOf(writtenBefore));
            return delete.executeUpdate();
        }
    }

    private static long update(Connection connection, String statement, String loadId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(statement)) {
            update.setString(1, loadId);
            return update.executeUpdate();
        }
    }

    private static void execute(Connection connection, String statement) throws SQLException {
        try (PreparedStatement each = connection.prepareStatement(statement)) {
            each.execute();
        }
    }
}
