package io.s3redshiftloader.warehouse;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every SQL statement the loader runs, written once for both Amazon Redshift and PostgreSQL: no ON CONFLICT, no
 * RETURNING, no COPY FROM STDIN. The exceptions say so: {@link #copyStage}, {@link #findLoggedStage} and the UNLOGGED
 * stage are PostgreSQL's, {@link #copyStageFromS3} is Redshift's. Identifiers come from {@link TableName} and the
 * table's own metadata; values are always bound parameters.
 */
public final class WarehouseSql {
    /** Stage column that tags each staged row with its load. */
    public static final String LOAD_ID_COLUMN = "loader_load_id";
    /** Stage column with the chunk number, so a retried chunk can replace its own rows. */
    public static final String CHUNK_COLUMN = "loader_chunk";
    /**
     * Stage column with the time a chunk was written: a load that stopped writing long ago is dead (stale). Only each
     * chunk's first row carries it (the others hold NULL), because only the newest per load is ever read, and parsing
     * a timestamp on every row made staging a quarter slower on PostgreSQL.
     */
    public static final String STAGED_AT_COLUMN = "loader_staged_at";

    /** The stage columns after the table's own, in the order the stage writers fill them. */
    private static final String TAG_COLUMNS = LOAD_ID_COLUMN + ", " + CHUNK_COLUMN + ", " + STAGED_AT_COLUMN;

    private final TableName target;
    private final TableName stage;
    private final TableName ledger;
    private final Dialect dialect;

    public WarehouseSql(TableName target, Dialect dialect) {
        this.target = target;
        this.dialect = dialect;
        this.stage = target.withSuffix("_loader_stage");
        this.ledger = target.sibling("loader_ledger");
    }

    public TableName target() {
        return target;
    }

    public TableName stage() {
        return stage;
    }

    public TableName ledger() {
        return ledger;
    }

    public String columnsOf() {
        return "SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable"
                + " FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";
    }

    public String createSchema() {
        return "CREATE SCHEMA IF NOT EXISTS " + target.schema();
    }

    public String createLedger() {
        return "CREATE TABLE IF NOT EXISTS " + ledger + " ("
                + "bucket VARCHAR(255) NOT NULL, object_key VARCHAR(1024) NOT NULL, etag VARCHAR(128) NOT NULL,"
                + " target_table VARCHAR(255) NOT NULL, load_id VARCHAR(36) NOT NULL, rows_loaded BIGINT NOT NULL,"
                + " loaded_at TIMESTAMP NOT NULL, PRIMARY KEY (bucket, object_key, etag))";
    }

    /**
     * On PostgreSQL the stage is UNLOGGED: it only ever holds loads not yet published, which a database crash discards
     * anyway, and skipping the write-ahead log makes staging and publishing markedly cheaper.
     */
    public String createStage() {
        return "CREATE " + (dialect == Dialect.POSTGRESQL ? "UNLOGGED " : "") + "TABLE IF NOT EXISTS " + stage + " (LIKE " + target + ")";
    }

    /**
     * PostgreSQL only: finds the stage if an earlier version created it logged. Only then is it altered, because ALTER
     * TABLE waits for every open load's transaction on the stage: run on each start, it would stall a loader starting
     * while another is mid-file.
     */
    public Optional<String> findLoggedStage() {
        return dialect == Dialect.POSTGRESQL
                ? Optional.of("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relname = ? AND c.relpersistence = 'p'")
                : Optional.empty();
    }

    public String unlogStage() {
        return "ALTER TABLE " + stage + " SET UNLOGGED";
    }

    public String addStageColumn(String column, String type) {
        return "ALTER TABLE " + stage + " ADD COLUMN " + column + " " + type;
    }

    /** Column names as quoted identifiers, so a column may be called "group" or "date". */
    static String quoted(List<String> columns) {
        return columns.stream().map(name -> "\"" + TableName.requireIdentifier(name) + "\"").collect(Collectors.joining(", "));
    }

    public String insertStage(List<String> columns) {
        return "INSERT INTO " + stage + " (" + quoted(columns) + ", " + TAG_COLUMNS
                + ") VALUES (" + String.join(", ", Collections.nCopies(columns.size() + 3, "?")) + ")";
    }

    /** PostgreSQL only: the bulk path into the stage (Redshift's COPY reads from S3, not from the connection). */
    public String copyStage(List<String> columns) {
        return "COPY " + stage + " (" + quoted(columns) + ", " + TAG_COLUMNS + ") FROM STDIN WITH (FORMAT csv)";
    }

    /**
     * Redshift only: the stage loaded from gzip CSV parts in S3 (see StageCsv). COPY takes no bound parameters, so the
     * URI, role and region are literals; the settings that make them allow no quote or backslash, and the load id is a
     * UUID.
     */
    public String copyStageFromS3(List<String> columns, String s3Uri, String iamRole, Optional<String> region) {
        for (String literal : List.of(s3Uri, iamRole, region.orElse(""))) {
            if (literal.indexOf('\'') >= 0 || literal.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("A COPY literal may not hold a quote or backslash: " + literal);
            }
        }
        return "COPY " + stage + " (" + quoted(columns) + ", " + TAG_COLUMNS + ") FROM '" + s3Uri + "'"
                + " IAM_ROLE '" + iamRole + "' FORMAT AS CSV GZIP EMPTYASNULL" + region.map(name -> " REGION '" + name + "'").orElse("")
                + " COMPUPDATE OFF STATUPDATE OFF";
    }

    public String deleteStagedChunk() {
        return "DELETE FROM " + stage + " WHERE " + LOAD_ID_COLUMN + " = ? AND " + CHUNK_COLUMN + " = ?";
    }

    public String deleteStagedLoad() {
        return "DELETE FROM " + stage + " WHERE " + LOAD_ID_COLUMN + " = ?";
    }

    /**
     * Removes the rows of every load whose newest chunk was written before the bound time: a live load keeps writing
     * chunks, so only loads of a crashed loader (or rows from before this column existed) match.
     */
    public String deleteStaleStaged() {
        return "DELETE FROM " + stage + " WHERE " + LOAD_ID_COLUMN + " IN (SELECT " + LOAD_ID_COLUMN + " FROM " + stage
                + " GROUP BY " + LOAD_ID_COLUMN + " HAVING MAX(" + STAGED_AT_COLUMN + ") < ? OR MAX(" + STAGED_AT_COLUMN + ") IS NULL)";
    }

    /** Serialises publishes: the ledger check and the insert happen under one lock, on Redshift and PostgreSQL alike. */
    public String lockLedger() {
        return "LOCK TABLE " + ledger;
    }

    public String findLoad() {
        return "SELECT load_id FROM " + ledger + " WHERE bucket = ? AND object_key = ? AND etag = ?";
    }

    public String recordLoad() {
        return "INSERT INTO " + ledger + " (bucket, object_key, etag, target_table, load_id, rows_loaded, loaded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    }

    public String publish(List<String> columns) {
        String list = quoted(columns);
        return "INSERT INTO " + target + " (" + list + ") SELECT " + list + " FROM " + stage + " WHERE " + LOAD_ID_COLUMN + " = ?";
    }
}
