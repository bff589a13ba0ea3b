package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.csv.FileColumns;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Column names in SQL come from the table's own metadata, never from a file's header, and are checked once more. */
class WarehouseSqlTest {
    private static final TableSchema SCHEMA = new TableSchema(TableName.parse("public.transactions"), List.of(
            new Column("transaction_id", ColumnKind.TEXT, "character varying", 64, 0, 0, false),
            new Column("amount", ColumnKind.DECIMAL, "numeric", 0, 18, 2, false),
            new Column("merchant", ColumnKind.TEXT, "character varying", 256, 0, 0, true)));
    private static final WarehouseSql SQL = new WarehouseSql(SCHEMA.name(), Dialect.REDSHIFT);

    @Test
    void aHostileHeaderColumnIsIgnoredAndNeverReachesSql() {
        String hostile = "merchant\") SELECT 1; DROP TABLE public.transactions; --";
        FileColumns columns = FileColumns.of(new String[] {"Transaction_ID", hostile, " amount ", "x\"y", "a;b"}, SCHEMA);

        assertEquals(List.of("transaction_id", "amount"), columns.names(), "only the table's own column names");
        for (String statement : List.of(SQL.insertStage(columns.names()), SQL.publish(columns.names()))) {
            assertFalse(statement.contains("DROP") || statement.contains("--") || statement.contains(";") || statement.contains("x\"y"), statement);
        }
        assertEquals("INSERT INTO public.transactions_loader_stage (\"transaction_id\", \"amount\", loader_load_id, loader_chunk,"
                + " loader_staged_at) VALUES (?, ?, ?, ?, ?)", SQL.insertStage(columns.names()));
    }

    @Test
    void aColumnNameThatIsNotAPlainIdentifierIsRefusedEvenFromTheTablesMetadata() {
        // A table created with a quoted name such as "a""b" cannot be loaded, rather than being written into SQL.
        assertThrows(IllegalArgumentException.class, () -> SQL.insertStage(List.of("transaction_id", "a\"b")));
        assertThrows(IllegalArgumentException.class, () -> SQL.publish(List.of("amount\", (SELECT 1) AS \"x")));
        assertThrows(IllegalArgumentException.class, () -> SQL.insertStage(List.of("Amount")));
    }

    @Test
    void valuesAreAlwaysPlaceholders() {
        assertEquals("SELECT load_id FROM public.loader_ledger WHERE bucket = ? AND object_key = ? AND etag = ?", SQL.findLoad());
        assertEquals("INSERT INTO public.loader_ledger (bucket, object_key, etag, target_table, load_id, rows_loaded, loaded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", SQL.recordLoad());
        assertEquals("DELETE FROM public.transactions_loader_stage WHERE loader_load_id = ? AND loader_chunk = ?", SQL.deleteStagedChunk());
        assertEquals("DELETE FROM public.transactions_loader_stage WHERE loader_load_id IN (SELECT loader_load_id FROM"
                + " public.transactions_loader_stage GROUP BY loader_load_id HAVING MAX(loader_staged_at) < ?"
                + " OR MAX(loader_staged_at) IS NULL)", SQL.deleteStaleStaged());
        assertEquals("INSERT INTO public.transactions (\"transaction_id\", \"amount\") SELECT \"transaction_id\", \"amount\""
                + " FROM public.transactions_loader_stage WHERE loader_load_id = ?", SQL.publish(List.of("transaction_id", "amount")));
    }

    @Test
    void theStageSkipsTheWriteAheadLogOnPostgresqlOnly() {
        assertEquals("CREATE TABLE IF NOT EXISTS public.transactions_loader_stage (LIKE public.transactions)", SQL.createStage());
        assertEquals(Optional.empty(), SQL.findLoggedStage());
        WarehouseSql postgres = new WarehouseSql(SCHEMA.name(), Dialect.POSTGRESQL);
        assertEquals("CREATE UNLOGGED TABLE IF NOT EXISTS public.transactions_loader_stage (LIKE public.transactions)", postgres.createStage());
        assertTrue(postgres.findLoggedStage().isPresent());
        assertEquals("ALTER TABLE public.transactions_loader_stage SET UNLOGGED", postgres.unlogStage());
    }

    @Test
    void redshiftCopiesTheLoadsPartsFromItsOwnS3FolderIntoTheStage() {
        RedshiftS3Copy copy = new RedshiftS3Copy(SQL, "landing-bucket", "staging/", "arn:aws:iam::123456789012:role/redshift-copy",
                Optional.of("eu-west-1"));
        String loadId = "0f8fad5b-d9cb-469f-a165-70867728950e";

        assertEquals("staging/0f8fad5b-d9cb-469f-a165-70867728950e/", copy.folder(loadId));
        assertEquals("COPY public.transactions_loader_stage (\"transaction_id\", \"amount\", loader_load_id, loader_chunk, loader_staged_at)"
                + " FROM 's3://landing-bucket/staging/0f8fad5b-d9cb-469f-a165-70867728950e/'"
                + " IAM_ROLE 'arn:aws:iam::123456789012:role/redshift-copy' FORMAT AS CSV GZIP EMPTYASNULL REGION 'eu-west-1'"
                + " COMPUPDATE OFF STATUPDATE OFF", copy.statement(loadId, List.of("transaction_id", "amount")));
        assertThrows(IllegalArgumentException.class, () -> SQL.copyStageFromS3(List.of("amount"), "s3://b/it's/", "arn", Optional.empty()),
                "a quote never reaches the statement, whatever let it through");
    }
}
