package io.s3redshiftloader.warehouse;

import io.s3redshiftloader.schema.Column;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/**
 * Redshift without a COPY role: the rows go into the target by multi-row INSERTs (the driver rewrites each batch into
 * one statement) inside the file's transaction, which locked and checked the ledger before the first of them.
 */
final class RedshiftInsertLoad implements TableLoad {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final LoadTransaction transaction;
    private final String insertSql;
    private final List<Column> columns;
    private final int batchRows;
    private long written;
    private boolean closed;

    RedshiftInsertLoad(LoadTransaction transaction, String insertSql, List<Column> columns, int batchRows) {
        this.transaction = transaction;
        this.insertSql = insertSql;
        this.columns = columns;
        this.batchRows = batchRows;
    }

    @Override
    public synchronized void write(List<Object[]> rows) throws SQLException {
        if (closed) {
            return;
        }
        Connection connection = transaction.connection();
        if (transaction.earlierLoad().isPresent()) {
            // Loaded by another loader meanwhile: the commit will roll back, so these rows need not be sent.
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            int pending = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    bind(insert, i + 1, columns.get(i), row[i]);
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
        written += rows.size();
    }

    @Override
    public synchronized Optional<String> commit() throws SQLException {
        return transaction.commit(written);
    }

    @Override
    public synchronized void close() throws SQLException {
        closed = true;
        transaction.close();
    }

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
