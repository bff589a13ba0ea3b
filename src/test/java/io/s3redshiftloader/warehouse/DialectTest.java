package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.csv.FileColumns;
import io.s3redshiftloader.schema.Column;
import io.s3redshiftloader.schema.ColumnDefault;
import io.s3redshiftloader.schema.ColumnKind;
import io.s3redshiftloader.schema.TableName;
import io.s3redshiftloader.schema.TableSchema;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DialectTest {
    private static final RedshiftDialect REDSHIFT = new RedshiftDialect(1000, Optional.empty());
    private static final PostgresDialect POSTGRESQL = new PostgresDialect();
    private static final TableName TARGET = TableName.parse("public.transactions");
    private static final TableSchema SCHEMA = new TableSchema(TARGET, List.of(
            new Column("transaction_id", ColumnKind.TEXT, "character varying", 64, 0, 0, false, ColumnDefault.NONE),
            new Column("amount", ColumnKind.DECIMAL, "numeric", 0, 18, 2, false, ColumnDefault.NONE),
            new Column("merchant", ColumnKind.TEXT, "character varying", 256, 0, 0, true, ColumnDefault.NONE)));

    @Test
    void theDialectFollowsTheJdbcUrl() {
        assertTrue(Dialect.forJdbcUrl("jdbc:redshift://cluster:5439/dev") instanceof RedshiftDialect);
        assertTrue(Dialect.forJdbcUrl("jdbc:redshift:iam://cluster:eu-west-1/dev") instanceof RedshiftDialect);
        assertTrue(Dialect.forJdbcUrl("jdbc:postgresql://127.0.0.1:5432/postgres") instanceof PostgresDialect);
        assertThrows(IllegalArgumentException.class, () -> Dialect.forJdbcUrl("jdbc:mysql://h/db"));
    }

    @Test
    void redshiftLocksTheLedgerBeforeTheFirstRowBecauseItsSnapshotStartsThere() {
        assertTrue(REDSHIFT.locksLedgerBeforeRows());
        assertEquals(Connection.TRANSACTION_REPEATABLE_READ, REDSHIFT.isolationLevel());
    }

    @Test
    void postgresqlLocksAfterItsCopyAtReadCommittedWhereEachStatementSeesEveryCommit() {
        assertFalse(POSTGRESQL.locksLedgerBeforeRows());
        assertEquals(Connection.TRANSACTION_READ_COMMITTED, POSTGRESQL.isolationLevel());
    }

    @Test
    void redshiftWarnsOnceAboutInsertsWithoutACopyRole() {
        assertTrue(REDSHIFT.loadWarning().orElseThrow().contains("REDSHIFT_COPY_IAM_ROLE"));
        assertEquals(Optional.empty(), POSTGRESQL.loadWarning());
    }

    @Test
    void aHostileHeaderColumnIsIgnoredAndNeverReachesSql() {
        String hostile = "merchant\") SELECT 1; DROP TABLE public.transactions; --";
        FileColumns columns = FileColumns.of(new String[] {"Transaction_ID", hostile, " amount ", "x\"y", "a;b"}, SCHEMA);

        assertEquals(List.of("transaction_id", "amount"), columns.names(), "only the table's own column names");
        assertEquals("INSERT INTO public.transactions (\"transaction_id\", \"amount\") VALUES (?, ?)", REDSHIFT.insert(TARGET, columns.names()));
        assertEquals("COPY public.transactions (\"transaction_id\", \"amount\") FROM STDIN WITH (FORMAT csv)",
                POSTGRESQL.copyFromStdin(TARGET, columns.names()));
        assertThrows(IllegalArgumentException.class, () -> REDSHIFT.insert(TARGET, List.of("x\"y")));
    }

    @Test
    void theLedgerIsLockedCheckedAndRecordedWithBoundValues() {
        TableName ledger = LoadLedger.ledgerOf(TARGET);
        assertEquals("public.loader_ledger", ledger.qualified());
        assertEquals("LOCK TABLE public.loader_ledger", REDSHIFT.lockTable(ledger));
        assertEquals("SELECT load_id FROM public.loader_ledger WHERE bucket = ? AND object_key = ? AND etag = ?", REDSHIFT.findLoad(ledger));
        assertEquals("INSERT INTO public.loader_ledger (bucket, object_key, etag, target_table, load_id, rows_loaded, loaded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", POSTGRESQL.recordLoad(ledger));
    }

    @Test
    void redshiftCopiesAManifestWithLiteralsThatCannotBreakOut() {
        assertEquals("COPY public.transactions (\"transaction_id\", \"amount\") FROM 's3://b/staging/l/manifest.json'"
                + " IAM_ROLE 'arn:aws:iam::123456789012:role/r' MANIFEST FORMAT AS CSV GZIP EMPTYASNULL REGION 'eu-west-1'"
                + " COMPUPDATE OFF STATUPDATE OFF", REDSHIFT.copyFromManifest(TARGET, List.of("transaction_id", "amount"),
                        "s3://b/staging/l/manifest.json", "arn:aws:iam::123456789012:role/r", "eu-west-1"));
        assertThrows(IllegalArgumentException.class, () -> REDSHIFT.copyFromManifest(TARGET, List.of("amount"),
                "s3://b/x' IAM_ROLE 'other", "arn:aws:iam::123456789012:role/r", "eu-west-1"));
    }

    @Test
    void redshiftReadsItsIdentityColumnsFromTheDefaultsItReports() {
        // As pg_get_expr prints them on Redshift (adsrc adds a cast to the third argument).
        assertEquals(ColumnDefault.ALWAYS, REDSHIFT.columnDefault(null, "\"identity\"(108123, 0, '1,1'::text)"));
        assertEquals(ColumnDefault.ALWAYS, REDSHIFT.columnDefault(null, "\"identity\"(347358, 0, ('1,1'::character varying)::text)"));
        assertEquals(ColumnDefault.BY_DEFAULT, REDSHIFT.columnDefault(null, "default_identity(963861, 1, '1,2'::text)"));
        assertEquals(ColumnDefault.BY_DEFAULT, REDSHIFT.columnDefault(null, "\"default_identity\"(963861, 1, '1,6'::text)"));
        assertEquals(ColumnDefault.BY_DEFAULT, REDSHIFT.columnDefault(null, "getdate()"));
        assertEquals(ColumnDefault.BY_DEFAULT, REDSHIFT.columnDefault(null, "'none'::character varying"));
        assertEquals(ColumnDefault.NONE, REDSHIFT.columnDefault(null, null));
    }

    @Test
    void bothDialectsTakeTheStandardIdentityGenerationWhereTheCatalogHasOne() {
        for (Dialect dialect : List.of(POSTGRESQL, REDSHIFT)) {
            assertEquals(ColumnDefault.ALWAYS, dialect.columnDefault("ALWAYS", null));
            assertEquals(ColumnDefault.BY_DEFAULT, dialect.columnDefault("BY DEFAULT", null));
            assertEquals(ColumnDefault.BY_DEFAULT, dialect.columnDefault(null, "nextval('s.t_n_seq'::regclass)"));
            assertEquals(ColumnDefault.BY_DEFAULT, dialect.columnDefault(null, "now()"));
            assertEquals(ColumnDefault.NONE, dialect.columnDefault(null, null));
        }
    }

    @Test
    void redshiftCountsBytes() {
        assertFalse(REDSHIFT.longerThan("€".repeat(85), 256), "255 bytes");
        assertTrue(REDSHIFT.longerThan("€".repeat(86), 256), "258 bytes in 86 characters");
        assertFalse(REDSHIFT.longerThan("a".repeat(256), 256));
        assertTrue(REDSHIFT.longerThan("a".repeat(256) + "é", 256), "258 bytes");
        assertTrue(REDSHIFT.longerThan("😀".repeat(65), 256), "260 bytes in 130 UTF-16 units");
    }

    @Test
    void redshiftCharTakesSingleByteCharactersOnlyWhereVarcharTakesUtf8() {
        Column currency = new Column("currency", ColumnKind.TEXT, "character", 3, 0, 0, true, ColumnDefault.NONE);
        assertTrue(REDSHIFT.takesCharacters(currency, "NZD"));
        assertFalse(REDSHIFT.takesCharacters(currency, "€"), "3 bytes, within CHAR(3) by length, but not single-byte");
        assertFalse(REDSHIFT.takesCharacters(currency, "Fé"));
        assertFalse(REDSHIFT.takesCharacters(new Column("code", ColumnKind.TEXT, "bpchar", 256, 0, 0, true, ColumnDefault.NONE), "ü"));
        assertTrue(REDSHIFT.takesCharacters(SCHEMA.column("merchant").orElseThrow(), "Café 😀"));
    }

    @Test
    void postgresqlCharTakesAnyCharacterCountedInCharacters() {
        Column currency = new Column("currency", ColumnKind.TEXT, "character", 3, 0, 0, true, ColumnDefault.NONE);
        assertTrue(POSTGRESQL.takesCharacters(currency, "€€€"));
        assertFalse(POSTGRESQL.longerThan("€€€", 3));
    }

    @Test
    void postgresqlCountsCharacters() {
        assertFalse(POSTGRESQL.longerThan("😀".repeat(256), 256), "512 UTF-16 units, 256 characters");
        assertTrue(POSTGRESQL.longerThan("😀".repeat(257), 256));
        assertFalse(POSTGRESQL.longerThan("€".repeat(256), 256));
        assertTrue(POSTGRESQL.longerThan("a".repeat(257), 256));
    }
}
