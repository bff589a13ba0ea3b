package io.s3redshiftloader.warehouse;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import javax.sql.DataSource;

/**
 * Writes one chunk's rows into the stage table, tagged with the load id and chunk number, in one transaction per chunk:
 * batched INSERTs, or for a large chunk on PostgreSQL one COPY. Rows reach the target table only when the load is
 * published.
 */
public final class StageWriter {
    private final DataSource dataSource;
    private final WarehouseSql sql;
    private final int batchRows;
    private final boolean copyFromStdin;

    /**
     * @param copyFromStdin whether bulk chunks go in by COPY FROM STDIN (PostgreSQL); Redshift has none
     */
    public StageWriter(DataSource dataSource, WarehouseSql sql, int batchRows, boolean copyFromStdin) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.batchRows = batchRows;
        this.copyFromStdin = copyFromStdin;
    }

    /**
     * @param bulk whether the chunk is large enough for COPY, where the database has it
     * @param retry whether this chunk may already be partly staged by an earlier attempt; its rows are replaced then
     */
    public void write(String loadId, int chunk, List<Column> columns, List<Object[]> rows, boolean bulk, boolean retry) throws SQLException {
        if (rows.isEmpty() && !retry) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (retry) {
                    deleteChunk(connection, loadId, chunk);
                }
                LocalDateTime stagedAt = LocalDateTime.now(ZoneOffset.UTC);
                if (bulk && copyFromStdin) {
                    PostgresCopy.copy(connection, sql.copyStage(columns.stream().map(Column::name).toList()), columns, rows,
                            loadId, chunk, stagedAt);
                } else {
                    insert(connection, loadId, chunk, stagedAt, columns, rows);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Removes one chunk's staged rows, e.g. of a load discarded while the chunk was being written. */
    public void deleteChunk(String loadId, int chunk) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            deleteChunk(connection, loadId, chunk);
        }
    }

    private void deleteChunk(Connection connection, String loadId, int chunk) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql.deleteStagedChunk())) {
            delete.setString(1, loadId);
            delete.setInt(2, chunk);
            delete.executeUpdate();
        }
    }

    private void insert(Connection connection, String loadId, int chunk, LocalDateTime stagedAt, List<Column> columns,
            List<Object[]> rows) throws SQLException {
        List<String> names = columns.stream().map(Column::name).toList();
        try (PreparedStatement insert = connection.prepareStatement(sql.insertStage(names))) {
            int pending = 0;
            boolean firstRow = true;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    bind(insert, i + 1, columns.get(i), row[i]);
                }
                insert.setString(row.length + 1, loadId);
                insert.setInt(row.length + 2, chunk);
                if (firstRow) {
                    insert.setTimestamp(row.length + 3, Timestamp.valueOf(stagedAt));
                    firstRow = false;
                } else {
                    insert.setNull(row.length + 3, Types.TIMESTAMP);
                }
                insert.addBatch();
                if (++pending == batchRows) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    static void bind(PreparedStatement statement, int index, Column column, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, column.kind().sqlType());
            return;
        }
        switch (column.kind()) {
            case TEXT -> statement.setString(index, (String) value);
            case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            case INTEGER -> statement.setLong(index, (Long) value);
            case FLOAT -> statement.setDouble(index, (Double) value);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case DATE -> statement.setDate(index, Date.valueOf((LocalDate) value));
            // Wall-clock values in UTC, the same whatever the JVM's time zone.
            case TIMESTAMP -> statement.setTimestamp(index, Timestamp.valueOf((LocalDateTime) value));
            case TIMESTAMP_WITH_ZONE -> statement.setTimestamp(index,
                    Timestamp.from(((OffsetDateTime) value).toInstant()), Calendar.getInstance(UTC));
        }
    }
}
