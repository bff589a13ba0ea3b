package io.s3redshiftloader.warehouse;

import io.s3redshiftloader.schema.Column;
import io.s3redshiftloader.schema.TableName;
import java.util.List;
import javax.sql.DataSource;

/** Opens each file's {@link TableLoad}: its own transaction, and the way its dialect loads rows. */
public final class TableLoads {
    private final DataSource dataSource;
    private final Dialect dialect;
    private final LoadLedger ledger;
    private final TableName target;

    public TableLoads(DataSource dataSource, Dialect dialect, LoadLedger ledger, TableName target) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.ledger = ledger;
        this.target = target;
    }

    /** Opening does not connect yet: the connection is taken when the load first needs it. */
    public TableLoad open(LedgerEntry entry, List<Column> columns) {
        return dialect.newLoad(new LoadTransaction(dataSource, dialect, ledger, entry), target, columns);
    }
}
