package io.s3redshiftloader.warehouse;

import io.s3redshiftloader.schema.Column;
import io.s3redshiftloader.schema.ColumnDefault;
import io.s3redshiftloader.schema.TableName;
import io.s3redshiftloader.schema.TextRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything that differs between Amazon Redshift and PostgreSQL standing in for it, the way kafka-connect-jdbc's
 * dialects are built: this class writes the statements both databases run, and each subclass overrides what differs —
 * the driver and its connection properties, how a file's rows reach the table, the isolation level and the place of the
 * ledger lock, how text length is counted and which characters a text column takes. The dialect is chosen from the
 * JDBC URL; no other class asks which database it talks to. Identifiers come from {@link TableName} and the table's
 * own metadata; values are always bound.
 */
public abstract class Dialect implements TextRules {
    private static final String POSTGRESQL_URL = "jdbc:postgresql:";
    private static final String REDSHIFT_URL = "jdbc:redshift:";
    /** Rows per multi-row INSERT when nothing else is configured. */
    private static final int DEFAULT_INSERT_ROWS = 1_000;

    /** The dialect for a JDBC URL, for its rules only: loads into Redshift then go by INSERT. */
    public static Dialect forJdbcUrl(String jdbcUrl) {
        return forJdbcUrl(jdbcUrl, DEFAULT_INSERT_ROWS, Optional.empty());
    }

    /**
     * @param insertRows rows per multi-row INSERT, where rows go in by INSERT
     * @param s3Staging Redshift's COPY from S3, when configured
     * @throws IllegalArgumentException for a URL of neither driver, or S3 staging for PostgreSQL
     */
    public static Dialect forJdbcUrl(String jdbcUrl, int insertRows, Optional<S3Staging> s3Staging) {
        if (jdbcUrl.startsWith(POSTGRESQL_URL)) {
            if (s3Staging.isPresent()) {
                throw new IllegalArgumentException("only Redshift copies from S3; PostgreSQL is loaded with COPY FROM STDIN");
            }
            return new PostgresDialect();
        }
        if (jdbcUrl.startsWith(REDSHIFT_URL)) {
            return new RedshiftDialect(insertRows, s3Staging);
        }
        throw new IllegalArgumentException("must start with jdbc:redshift:, jdbc:redshift:iam: or jdbc:postgresql:");
    }

    // --- Driver ---

    public abstract String driverClassName();

    /** Data source properties the driver gets for this URL (a parameter the URL sets itself still wins). */
    public abstract Map<String, String> connectionProperties(JdbcUrl url);

    // --- How a file's rows reach the table ---

    /** Whether this database can COPY from S3, and so take REDSHIFT_COPY_IAM_ROLE. */
    public abstract boolean copiesFromS3();

    /** One file's rows into {@code target}, inside {@code transaction}: the way this database loads them fastest. */
    public abstract TableLoad newLoad(LoadTransaction transaction, TableName target, List<Column> columns);

    /** A warning to log once at start about how rows will be loaded, if there is one. */
    public Optional<String> loadWarning() {
        return Optional.empty();
    }

    // --- Isolation and lock order ---

    /** The isolation level a file's transaction runs at; set on its connection, so the server's default never counts. */
    public abstract int isolationLevel();

    /**
     * Whether the ledger is locked and checked before the file's rows are written (true) or just before the commit
     * (false). The check must see every load committed before the lock was granted: at snapshot isolation the snapshot
     * starts with the first statement that reads or writes, so the lock has to come before it.
     */
    public abstract boolean locksLedgerBeforeRows();

    // --- Length and character rules: declared by TextRules, which the CSV parser checks values against ---

    // --- Defaults ---

    /**
     * How the database fills a column a file leaves out, from the catalog: {@code identityGeneration} is
     * information_schema's ALWAYS or BY DEFAULT (null for other columns, and where the catalog has no such column), and
     * {@code defaultExpression} the column's default as pg_get_expr prints it, such as {@code now()} or the
     * {@code nextval(...)} of a serial.
     */
    public ColumnDefault columnDefault(String identityGeneration, String defaultExpression) {
        if ("ALWAYS".equals(identityGeneration)) {
            return ColumnDefault.ALWAYS;
        }
        return identityGeneration != null || defaultExpression != null ? ColumnDefault.BY_DEFAULT : ColumnDefault.NONE;
    }

    // --- Statements ---

    /**
     * The target's columns as information_schema describes them, each with its default read from pg_attrdef because
     * Redshift's information_schema, PostgreSQL 8.0's, shows a default only to the table's owner. That view also
     * predates identity_generation, which PostgreSQL's has: the query takes every column the view has ({@code c.*}), and
     * the reader uses identity_generation where it is there.
     */
    public String columnsQuery() {
        return "SELECT c.*, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_expression"
                + " FROM information_schema.columns c"
                + " JOIN pg_catalog.pg_namespace n ON n.nspname = c.table_schema"
                + " JOIN pg_catalog.pg_class t ON t.relnamespace = n.oid AND t.relname = c.table_name"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attname = c.column_name"
                + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE c.table_schema = ? AND c.table_name = ? ORDER BY c.ordinal_position";
    }

    public String createSchema(TableName table) {
        return "CREATE SCHEMA IF NOT EXISTS " + table.schema();
    }

    /** The primary key is the guard only on PostgreSQL: Redshift does not enforce it, so the locked check is. */
    public String createLedger(TableName ledger) {
        return "CREATE TABLE IF NOT EXISTS " + ledger + " ("
                + "bucket VARCHAR(255) NOT NULL, object_key VARCHAR(1024) NOT NULL, etag VARCHAR(128) NOT NULL,"
                + " target_table VARCHAR(255) NOT NULL, load_id VARCHAR(36) NOT NULL, rows_loaded BIGINT NOT NULL,"
                + " loaded_at TIMESTAMP NOT NULL, PRIMARY KEY (bucket, object_key, etag))";
    }

    /** Serialises the ledger check and entry of loads, on Redshift and PostgreSQL alike. */
    public String lockTable(TableName table) {
        return "LOCK TABLE " + table;
    }

    public String findLoad(TableName ledger) {
        return "SELECT load_id FROM " + ledger + " WHERE bucket = ? AND object_key = ? AND etag = ?";
    }

    public String recordLoad(TableName ledger) {
        return "INSERT INTO " + ledger + " (bucket, object_key, etag, target_table, load_id, rows_loaded, loaded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    }

    public String insert(TableName table, List<String> columns) {
        return "INSERT INTO " + table + " (" + quoted(columns) + ") VALUES ("
                + columns.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** Column names as quoted identifiers, so a column may be called "group" or "date". */
    static String quoted(List<String> columns) {
        return columns.stream().map(name -> "\"" + TableName.requireIdentifier(name) + "\"").collect(Collectors.joining(", "));
    }

    static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }
}
