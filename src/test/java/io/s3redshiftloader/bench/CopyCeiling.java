package io.s3redshiftloader.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * The ceiling: how fast this PostgreSQL takes exactly the rows the loader loads when nothing else is done to them.
 * pgjdbc's CopyManager streams the already-filtered rows from a local file through {@code COPY … FROM STDIN} into a
 * table of the loader's shape, in one statement and one commit: no S3, no parsing or validation in Java, no filter,
 * no stage table.
 */
final class CopyCeiling {
    private CopyCeiling() {
    }

    /** Copies the CSV rows (no header) of {@code matching} into {@code table} and returns the rows PostgreSQL took. */
    static long copy(Connection connection, Path matching, String table) throws SQLException, IOException {
        String sql = "COPY " + table + " (" + BenchmarkFile.HEADER + ") FROM STDIN WITH (FORMAT csv)";
        try (InputStream rows = Files.newInputStream(matching)) {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, rows, 64 * 1024);
        }
    }
}
