package io.s3redshiftloader.warehouse;

import io.s3redshiftloader.config.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates what the loader needs in the warehouse (target table if asked, stage, ledger) and reads the target's columns. */
public final class WarehouseSchema {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseSchema.class);

    private final DataSource dataSource;
    private final WarehouseSql sql;

    public WarehouseSchema(DataSource dataSource, WarehouseSql sql) {
        this.dataSource = dataSource;
        this.sql = sql;
    }

    /**
     * Prepares the tables and returns the target's schema.
     *
     * @param ddl the target table's DDL, with {@code ${table}} standing for the table name; used when the table is absent
     *            and auto-create is on
     */
    public TableSchema prepare(boolean autoCreate, Path ddl) throws SQLException {
        List<Column> columns = columns(sql.target());
        if (columns.isEmpty()) {
            if (!autoCreate) {
                throw new ConfigurationException("TABLE_NAME: table " + sql.target() + " does not exist and TABLE_AUTO_CREATE is false");
            }
            LOG.info("Creating table {} from {}", sql.target(), ddl);
            execute(sql.createSchema(), readDdl(ddl));
            columns = columns(sql.target());
        }
        execute(sql.createLedger());
        execute(sql.createStage());
        if (stageIsLogged()) {
            execute(sql.unlogStage());
        }
        List<String> stageColumns = columns(sql.stage()).stream().map(Column::name).toList();
        if (!stageColumns.contains(WarehouseSql.LOAD_ID_COLUMN)) {
            execute(sql.addStageColumn(WarehouseSql.LOAD_ID_COLUMN, "VARCHAR(36)"));
        }
        if (!stageColumns.contains(WarehouseSql.CHUNK_COLUMN)) {
            execute(sql.addStageColumn(WarehouseSql.CHUNK_COLUMN, "INTEGER"));
        }
        if (!stageColumns.contains(WarehouseSql.STAGED_AT_COLUMN)) {
            execute(sql.addStageColumn(WarehouseSql.STAGED_AT_COLUMN, "TIMESTAMP"));
        }
        return new TableSchema(sql.target(), columns);
    }

    private boolean stageIsLogged() throws SQLException {
        Optional<String> query = sql.findLoggedStage();
        return query.isPresent() && query(query.get(), sql.stage(), ResultSet::next);
    }

    private String readDdl(Path ddl) {
        try {
            return Files.readString(ddl, StandardCharsets.UTF_8).replace("${table}", sql.target().qualified()).trim()
                    .replaceAll(";\\s*$", "");
        } catch (IOException e) {
            throw new ConfigurationException("TABLE_DDL: cannot read " + ddl + " to create " + sql.target());
        }
    }

    private List<Column> columns(TableName table) throws SQLException {
        return query(sql.columnsOf(), table, rows -> {
            List<Column> columns = new ArrayList<>();
            while (rows.next()) {
                String name = rows.getString(1);
                String dataType = rows.getString(2);
                ColumnKind kind = ColumnKind.of(dataType).orElseThrow(() -> new ConfigurationException(
                        "TABLE_NAME: column " + name + " of " + table + " has type " + dataType + ", which the loader cannot fill"));
                columns.add(new Column(name, kind, dataType, rows.getInt(3), rows.getInt(4), rows.getInt(5),
                        "YES".equalsIgnoreCase(rows.getString(6))));
            }
            return columns;
        });
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
