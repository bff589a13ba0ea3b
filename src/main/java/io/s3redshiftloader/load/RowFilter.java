package io.s3redshiftloader.load;

import io.s3redshiftloader.csv.ParsedChunk;
import io.s3redshiftloader.filter.RowMatcher;
import io.s3redshiftloader.routes.ExchangeProperties;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangeProperty;

/**
 * Keeps the rows of a chunk that match the route's filter, set by the route in the {@value ExchangeProperties#ROW_FILTER} exchange property
 * (see RowMatcher); rows that fail it are counted as filtered.
 */
public final class RowFilter {
    private final RowMatcher matcher = new RowMatcher(true);

    public ParsedChunk keep(@Body ParsedChunk chunk, @ExchangeProperty(ExchangeProperties.LOAD_CONTEXT) LoadContext load,
            @ExchangeProperty(ExchangeProperties.ROW_FILTER) String filter, CamelContext context) {
        if (filter == null || filter.isBlank()) {
            return chunk;
        }
        List<Object[]> kept = matcher.matching(chunk.rows(), load.columns(), filter, context);
        load.countFiltered(chunk.rows().size() - kept.size());
        return chunk.withRows(kept);
    }
}
