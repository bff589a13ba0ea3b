package io.s3redshiftloader.csv;

import io.s3redshiftloader.schema.Column;
import io.s3redshiftloader.schema.ColumnDefault;
import io.s3redshiftloader.schema.ColumnKind;
import io.s3redshiftloader.warehouse.Dialect;
import io.s3redshiftloader.schema.TableName;
import io.s3redshiftloader.schema.TableSchema;
import java.util.List;

/** The sample transactions table as the database describes it. */
public final class TestSchemas {
    public static final Dialect REDSHIFT = Dialect.forJdbcUrl("jdbc:redshift://cluster.example:5439/dev");
    public static final Dialect POSTGRESQL = Dialect.forJdbcUrl("jdbc:postgresql://127.0.0.1:5432/postgres");

    private TestSchemas() {
    }

    public static TableSchema transactions() {
        return new TableSchema(TableName.parse("public.transactions"), List.of(
                new Column("transaction_id", ColumnKind.TEXT, "character varying", 64, 0, 0, false, ColumnDefault.NONE),
                new Column("account_id", ColumnKind.TEXT, "character varying", 64, 0, 0, true, ColumnDefault.NONE),
                new Column("amount", ColumnKind.DECIMAL, "numeric", 0, 18, 2, false, ColumnDefault.NONE),
                new Column("currency", ColumnKind.TEXT, "character", 3, 0, 0, true, ColumnDefault.NONE),
                new Column("transaction_ts", ColumnKind.TIMESTAMP, "timestamp without time zone", 0, 0, 0, true, ColumnDefault.NONE),
                new Column("merchant", ColumnKind.TEXT, "character varying", 256, 0, 0, true, ColumnDefault.NONE),
                new Column("category", ColumnKind.TEXT, "character varying", 64, 0, 0, true, ColumnDefault.NONE)));
    }
}
