package io.s3redshiftloader.warehouse;

import io.s3redshiftloader.schema.TableName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Runs a load's {@code COPY … MANIFEST} on its transaction's connection and says how many rows it loaded. */
@FunctionalInterface
public interface S3Copy {

    /**
     * One COPY of a load's parts.
     *
     * @param statement the COPY statement as Redshift runs it
     * @param manifestKey the manifest's key in {@code bucket}, listing exactly the load's parts
     */
    record Request(TableName target, List<String> columns, String bucket, String manifestKey, String statement) {
    }

    /** Redshift itself: the statement, then the rows the last COPY of this session loaded. */
    S3Copy REDSHIFT = (connection, request) -> {
        try (Statement statement = connection.createStatement()) {
            statement.execute(request.statement());
            try (ResultSet count = statement.executeQuery("SELECT pg_last_copy_count()")) {
                count.next();
                return count.getLong(1);
            }
        }
    };

    long copy(Connection connection, Request request) throws SQLException;
}
