package io.s3redshiftloader.load;

import io.s3redshiftloader.csv.ParsedChunk;
import io.s3redshiftloader.csv.RowView;
import io.s3redshiftloader.csv.UnloadableFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Predicate;
import org.apache.camel.support.DefaultExchange;

/**
 * Keeps the rows of a chunk that match the route's filter, a Camel Simple predicate over one row (for example
 * {@code ${body[amount]} > 500}) set by the route in the {@value ExchangeProperties#ROW_FILTER} exchange property. Rows are tested one by one
 * without an exchange each; rows that fail it are counted as filtered. Filters made only of column-literal comparisons
 * take a fast path that gives the same answers (see ComparisonFilter).
 */
public final class RowFilter {
    private final Map<String, Predicate> compiled = new ConcurrentHashMap<>();
    private final boolean fastComparisons;
    private CamelContext preparedContext;

    public RowFilter() {
        this(true);
    }

    /** @param fastComparisons whether filters made of column-literal comparisons skip Simple (see ComparisonFilter) */
    RowFilter(boolean fastComparisons) {
        this.fastComparisons = fastComparisons;
    }

    public ParsedChunk keep(@Body ParsedChunk chunk, @ExchangeProperty(ExchangeProperties.LOAD_CONTEXT) LoadContext load,
            @ExchangeProperty(ExchangeProperties.ROW_FILTER) String filter, CamelContext context) {
        if (filter == null || filter.isBlank()) {
            return chunk;
        }
        Optional<java.util.function.Predicate<Object[]>> fast = fastComparisons
                ? ComparisonFilter.parse(filter, load.columns()) : Optional.empty();
        List<Object[]> kept = fast.isPresent() ? keep(chunk.rows(), fast.get()) : keepBySimple(chunk.rows(), load, filter, context);
        load.countFiltered(chunk.rows().size() - kept.size());
        return chunk.withRows(kept);
    }

    private static List<Object[]> keep(List<Object[]> rows, java.util.function.Predicate<Object[]> comparisons) {
        List<Object[]> kept = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            if (comparisons.test(row)) {
                kept.add(row);
            }
        }
        return kept;
    }

    private List<Object[]> keepBySimple(List<Object[]> rows, LoadContext load, String filter, CamelContext context) {
        prepare(context);
        Predicate predicate = compiled.computeIfAbsent(filter, text -> compile(context, text));
        Exchange probe = new DefaultExchange(context);
        RowView view = new RowView(load.columns());
        List<Object[]> kept = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            probe.getMessage().setBody(view.of(row));
            if (matches(predicate, probe, filter)) {
                kept.add(row);
            }
        }
        return kept;
    }

    private static Predicate compile(CamelContext context, String filter) {
        try {
            return context.resolveLanguage("simple").createPredicate(filter);
        } catch (RuntimeException e) {
            throw new UnloadableFileException("The route's filter '" + filter + "' is not a valid Simple predicate: " + e.getMessage(), e);
        }
    }

    private synchronized void prepare(CamelContext context) {
        if (preparedContext != context) {
            FilterDecimal.register(context.getTypeConverterRegistry());
            preparedContext = context;
        }
    }

    private static boolean matches(Predicate predicate, Exchange probe, String filter) {
        try {
            boolean matches = predicate.matches(probe);
            if (probe.getException() != null) {
                throw probe.getException();
            }
            return matches;
        } catch (Exception e) {
            throw new UnloadableFileException("The route's filter '" + filter + "' could not be evaluated on a row: " + e.getMessage(), e);
        }
    }
}
