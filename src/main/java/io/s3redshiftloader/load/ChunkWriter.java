package io.s3redshiftloader.load;

import io.s3redshiftloader.csv.ParsedChunk;
import io.s3redshiftloader.routes.ExchangeProperties;
import io.s3redshiftloader.warehouse.TableLoad;
import io.s3redshiftloader.warehouse.TableLoads;
import java.sql.SQLException;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Hands a filtered chunk's rows to its file's one load into the table. Chunks are parsed in parallel; their rows flow
 * into that single transaction one chunk at a time. A chunk still in flight after its file failed writes nothing.
 */
public final class ChunkWriter {
    private final TableLoads loads;

    public ChunkWriter(TableLoads loads) {
        this.loads = loads;
    }

    public void write(@Body ParsedChunk chunk, @ExchangeProperty(ExchangeProperties.LOAD_CONTEXT) LoadContext load) throws SQLException {
        if (chunk.rows().isEmpty()) {
            return;
        }
        TableLoad target = load.tableLoad(loads);
        if (target == null) {
            return;
        }
        target.write(chunk.rows());
        load.countWritten(chunk.rows().size());
    }
}
