package io.s3redshiftloader.load;

import io.s3redshiftloader.csv.ParsedChunk;
import io.s3redshiftloader.warehouse.StageWriter;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * Stages a filtered chunk's rows for its load: a chunk of at least {@code LOADER_BULK_MIN_ROWS} rows in bulk (COPY
 * FROM STDIN on PostgreSQL, a gzip part for COPY from S3 on Redshift), a smaller one by batched INSERTs. A redelivered
 * chunk replaces what an earlier attempt staged. A failed
 * load's other chunks may still be in flight when the dead letter discards its stage (a parallel split does not wait
 * for them): such a chunk is not written, or removes itself once written.
 */
public final class ChunkWriter {
    private final StageWriter writer;
    private final int bulkMinRows;

    /**
     * @param bulkMinRows the fewest rows a chunk is staged in bulk with; 0 for never
     */
    public ChunkWriter(StageWriter writer, int bulkMinRows) {
        this.writer = writer;
        this.bulkMinRows = bulkMinRows;
    }

    public void write(@Body ParsedChunk chunk, @ExchangeProperty(LoadContext.PROPERTY) LoadContext load,
            @Header(Exchange.REDELIVERED) Boolean redelivered) throws SQLException {
        if (load.isDiscarded()) {
            return;
        }
        boolean bulk = bulkMinRows > 0 && chunk.rows().size() >= bulkMinRows;
        if (bulk && load.stagingParts() != null) {
            load.stagingParts().write(chunk.number(), load.columns().columns(), chunk.rows(), LocalDateTime.now(ZoneOffset.UTC));
        } else {
            writer.write(load.loadId(), chunk.number(), load.columns().columns(), chunk.rows(), bulk, Boolean.TRUE.equals(redelivered));
        }
        if (load.isDiscarded()) {
            writer.deleteChunk(load.loadId(), chunk.number());
            return;
        }
        load.countStaged(chunk.rows().size());
    }
}
