package io.s3redshiftloader.warehouse;

import io.s3redshiftloader.schema.Column;
import io.s3redshiftloader.schema.TableName;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL, the local stand-in: a file's rows stream into the table through one {@code COPY … FROM STDIN}, and the
 * ledger is locked and checked only after it, at READ COMMITTED, where every statement sees what was committed before
 * it began. Files for one table then load side by side, and only their ledger entries take turns.
 */
final class PostgresDialect extends Dialect {

    @Override
    public String driverClassName() {
        return "org.postgresql.Driver";
    }

    @Override
    public Map<String, String> connectionProperties(JdbcUrl url) {
        return Map.of();
    }

    @Override
    public boolean copiesFromS3() {
        return false;
    }

    @Override
    public TableLoad newLoad(LoadTransaction transaction, TableName target, List<Column> columns) {
        return new PostgresCopyLoad(transaction, copyFromStdin(target, names(columns)), columns);
    }

    @Override
    public int isolationLevel() {
        return Connection.TRANSACTION_READ_COMMITTED;
    }

    @Override
    public boolean locksLedgerBeforeRows() {
        return false;
    }

    @Override
    public boolean longerThan(String value, int maxLength) {
        return value.length() > maxLength && value.codePointCount(0, value.length()) > maxLength;
    }

    @Override
    public String lengthUnit() {
        return "characters";
    }

    /** CHAR and VARCHAR alike take any character of the database's encoding (UTF-8 here). */
    @Override
    public boolean takesCharacters(Column column, String value) {
        return true;
    }

    /** The rows as CSV (see CopyCsv): unquoted empty is NULL, quoted empty is empty text. */
    String copyFromStdin(TableName target, List<String> columns) {
        return "COPY " + target + " (" + quoted(columns) + ") FROM STDIN WITH (FORMAT csv)";
    }
}
