package io.s3redshiftloader.load;

import io.s3redshiftloader.csv.CsvChunks;
import io.s3redshiftloader.csv.FileColumns;
import io.s3redshiftloader.routes.ExchangeProperties;
import io.s3redshiftloader.schema.TableSchema;
import java.io.InputStream;
import java.util.function.Supplier;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** The split expression: opens the object's stream as CSV, maps its header to the table, and yields chunks of records. */
public final class ChunkSource {
    private final Supplier<TableSchema> schema;
    private final int chunkRows;

    /** @param schema the target's schema, known once the database has answered at start-up (no file is read before) */
    public ChunkSource(Supplier<TableSchema> schema, int chunkRows) {
        this.schema = schema;
        this.chunkRows = chunkRows;
    }

    public CsvChunks chunks(@Body InputStream content, @ExchangeProperty(ExchangeProperties.LOAD_CONTEXT) LoadContext load) {
        CsvChunks chunks = CsvChunks.open(content, load.gzip(), chunkRows);
        try {
            load.columns(FileColumns.of(chunks.header(), schema.get()));
            return chunks;
        } catch (RuntimeException e) {
            closeQuietly(chunks);
            throw e;
        }
    }

    private static void closeQuietly(CsvChunks chunks) {
        try {
            chunks.close();
        } catch (java.io.IOException ignored) {
            // The header was already refused; that is the error worth reporting.
        }
    }
}
