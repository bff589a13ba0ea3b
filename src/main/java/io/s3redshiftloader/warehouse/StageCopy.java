package io.s3redshiftloader.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Loads a load's staged S3 parts into the stage table, inside the transaction that publishes the load. */
@FunctionalInterface
public interface StageCopy {
    /** For loads that staged no parts. */
    StageCopy NONE = (connection, loadId, columns) -> {
    };

    void copy(Connection connection, String loadId, List<String> columns) throws SQLException;
}
