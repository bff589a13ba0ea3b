package io.s3redshiftloader.warehouse;

import io.s3redshiftloader.schema.Column;
import io.s3redshiftloader.schema.ColumnDefault;
import io.s3redshiftloader.schema.ColumnKind;
import io.s3redshiftloader.schema.TableName;
import io.s3redshiftloader.schema.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates what the loader needs in the warehouse (the target table if asked, the ledger) and reads the target's
 * columns. A stage table left by an earlier version of the loader ({@code <table>_loader_stage}) is left alone.
 */
public final class WarehouseSchema {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseSchema.class);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final TableName target;

    public WarehouseSchema(DataSource dataSource, Dialect dialect, TableName target) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.target = target;
    }

    /**
     * Prepares the tables and returns the target's schema.
     *
     * @param ddl the target table's DDL, with {@code ${table}} standing for the table name; used when the table is absent
     *            and auto-create is on
     */
    public TableSchema prepare(boolean autoCreate, Path ddl) throws SQLException {
        List<Column> columns = columns(target);
        if (columns.isEmpty()) {
            if (!autoCreate) {
                throw new TableSetupException("TABLE_NAME: table " + target + " does not exist and TABLE_AUTO_CREATE is false");
            }
            LOG.info("Creating table {} from {}", target, ddl);
            execute(dialect.createSchema(target), readDdl(ddl));
            columns = columns(target);
        }
        execute(dialect.createLedger(LoadLedger.ledgerOf(target)));
        return new TableSchema(target, columns);
    }

    private String readDdl(Path ddl) {
        try {
            return Files.readString(ddl, StandardCharsets.UTF_8).replace("${table}", target.qualified()).trim()
                    .replaceAll(";\\s*$", "");
        } catch (IOException e) {
            throw new TableSetupException("TABLE_DDL: cannot read " + ddl + " to create " + target);
        }
    }

    private List<Column> columns(TableName table) throws SQLException {
        return query(dialect.columnsQuery(), table, rows -> {
            boolean reportsIdentity = hasColumn(rows.getMetaData(), "identity_generation");
            List<Column> columns = new ArrayList<>();
            while (rows.next()) {
                String name = rows.getString("column_name");
                String dataType = rows.getString("data_type");
                ColumnKind kind = ColumnKind.of(dataType).orElseThrow(() -> new TableSetupException(
                        "TABLE_NAME: column " + name + " of " + table + " has type " + dataType + ", which the loader cannot fill"));
                ColumnDefault columnDefault = dialect.columnDefault(reportsIdentity ? rows.getString("identity_generation") : null,
                        rows.getString("default_expression"));
                columns.add(new Column(name, kind, dataType, rows.getInt("character_maximum_length"), rows.getInt("numeric_precision"),
                        rows.getInt("numeric_scale"), "YES".equalsIgnoreCase(rows.getString("is_nullable")), columnDefault));
            }
            return columns;
        });
    }

    /** Whether a catalog query's result has a column: information_schema.columns has more of them in newer databases. */
    private static boolean hasColumn(ResultSetMetaData result, String label) throws SQLException {
        for (int i = 1; i <= result.getColumnCount(); i++) {
            if (result.getColumnLabel(i).equalsIgnoreCase(label)) {
                return true;
            }
        }
        return false;
    }

    /** Runs a catalog query that takes a table's schema and name, and reads its result. */
    private <T> T query(String query, TableName table, RowsReader<T> reader) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        }
    }

    private interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }
}
