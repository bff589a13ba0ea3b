package io.s3redshiftloader.filter;

import io.s3redshiftloader.csv.FileColumns;
import io.s3redshiftloader.csv.UnloadableFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.support.DefaultExchange;

/**
 * Picks the rows that match the route's filter, a Camel Simple predicate over one row (for example
 * {@code ${body[amount]} > 500}). Rows are tested one by one without an exchange each. Filters made only of
 * column-literal comparisons take a fast path that gives the same answers (see ComparisonFilter).
 */
public final class RowMatcher {
    private final Map<String, Predicate> compiled = new ConcurrentHashMap<>();
    private final boolean fastComparisons;
    private CamelContext preparedContext;

    /** @param fastComparisons whether filters made of column-literal comparisons skip Simple (see ComparisonFilter) */
    public RowMatcher(boolean fastComparisons) {
        this.fastComparisons = fastComparisons;
    }

    /** The rows, in order, that {@code filter} keeps; values are in {@code columns} order. */
    public List<Object[]> matching(List<Object[]> rows, FileColumns columns, String filter, CamelContext context) {
        Optional<java.util.function.Predicate<Object[]>> fast = fastComparisons
                ? ComparisonFilter.parse(filter, columns) : Optional.empty();
        return fast.isPresent() ? keep(rows, fast.get()) : keepBySimple(rows, columns, filter, context);
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

    private List<Object[]> keepBySimple(List<Object[]> rows, FileColumns columns, String filter, CamelContext context) {
        prepare(context);
        Predicate predicate = compiled.computeIfAbsent(filter, text -> compile(context, text));
        Exchange probe = new DefaultExchange(context);
        RowView view = new RowView(columns);
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
