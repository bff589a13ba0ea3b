package io.s3redshiftloader.warehouse;

import io.s3redshiftloader.schema.Column;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * PostgreSQL's way in: one {@code COPY … FROM STDIN} into the target, streamed while the file is read, inside the
 * file's transaction. Each chunk's rows become CSV on the chunk's own thread; the chunks then go into the COPY stream
 * one at a time, so memory holds one chunk's text per thread, never the file's.
 */
final class PostgresCopyLoad implements TableLoad {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final LoadTransaction transaction;
    private final String copySql;
    private final List<Column> columns;
    private PGCopyOutputStream copy;
    private long written;
    private boolean closed;

    PostgresCopyLoad(LoadTransaction transaction, String copySql, List<Column> columns) {
        this.transaction = transaction;
        this.copySql = copySql;
        this.columns = columns;
    }

    /** The chunk is turned into CSV before taking the turn, so chunks encode side by side and only send one by one. */
    @Override
    public void write(List<Object[]> rows) throws SQLException {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(rows.size() * 96);
        try {
            new CopyCsv(chunk, columns).write(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        send(chunk, rows.size());
    }

    private synchronized void send(ByteArrayOutputStream chunk, int rows) throws SQLException {
        if (closed) {
            return;
        }
        try {
            if (copy == null) {
                copy = new PGCopyOutputStream(transaction.connection().unwrap(PGConnection.class), copySql, BUFFER_BYTES);
            }
            chunk.writeTo(copy);
        } catch (IOException e) {
            throw new SQLException("COPY into the table failed: " + e.getMessage(), e);
        }
        written += rows;
    }

    @Override
    public synchronized Optional<String> commit() throws SQLException {
        if (copy != null) {
            long copied = copy.endCopy();
            if (copied != written) {
                throw new IllegalStateException("COPY loaded " + copied + " rows where " + written + " were sent; nothing was loaded.");
            }
        }
        return transaction.commit(written);
    }

    @Override
    public synchronized void close() throws SQLException {
        closed = true;
        SQLException failure = null;
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                failure = e;
            }
        }
        try {
            transaction.close();
        } catch (SQLException e) {
            failure = LoadTransaction.keepFirst(failure, e);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
