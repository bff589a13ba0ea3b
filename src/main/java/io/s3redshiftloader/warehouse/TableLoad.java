package io.s3redshiftloader.warehouse;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * One file's rows on their way into the target table: written chunk by chunk while the file is read, made visible all
 * at once by {@link #commit()}, together with the file's ledger entry, or not at all. Chunks may be written from
 * several threads; they take turns.
 */
public interface TableLoad {

    /** Adds rows (values in column order). Once the load is closed, rows are dropped: the load has failed. */
    void write(List<Object[]> rows) throws SQLException;

    /**
     * Checks the ledger, records the object and commits its rows.
     *
     * @return empty when committed now; otherwise the id of the load that had already loaded this object (nothing of
     *         this load is committed then)
     */
    Optional<String> commit() throws SQLException;

    /**
     * Ends the load: rolled back unless committed, its connection returned, whatever it staged removed. Safe to call
     * more than once.
     */
    void close() throws SQLException;
}
