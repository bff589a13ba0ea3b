package io.s3redshiftloader.filter;

import io.s3redshiftloader.csv.FileColumns;
import io.s3redshiftloader.schema.ColumnKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fast path for the filters people write most: comparisons of a column with a literal, such as
 * {@code ${body[amount]} > 500} or {@code ${body[currency]} == 'NZD'}, joined all by {@code &&} or all by {@code ||}.
 * Camel Simple evaluates such a filter row by row through bean introspection and type-converter lookups, tens of
 * microseconds a row; this evaluates the same comparisons directly, with the same answers (decimals compare exactly).
 * Any other filter is left to Simple.
 */
final class ComparisonFilter {
    private static final Pattern COMPARISON = Pattern.compile(
            "\\s*\\$\\{body\\[([A-Za-z_][A-Za-z0-9_$]*)]}\\s*(>=|<=|==|!=|>|<)\\s*(-?\\d+(?:\\.\\d+)?|'[^'&|]*'|null)\\s*");

    private ComparisonFilter() {
    }

    /** The filter as a row predicate over this file's columns, if it is one this path evaluates exactly as Simple does. */
    static Optional<Predicate<Object[]>> parse(String filter, FileColumns columns) {
        boolean all = filter.contains("&&");
        boolean any = filter.contains("||");
        if (all && any) {
            return Optional.empty();
        }
        List<Predicate<Object[]>> comparisons = new ArrayList<>();
        for (String part : filter.split(all ? "&&" : "\\|\\|")) {
            Matcher matcher = COMPARISON.matcher(part);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            Optional<Predicate<Object[]>> comparison = comparison(columns, matcher.group(1), matcher.group(2), matcher.group(3));
            if (comparison.isEmpty()) {
                return Optional.empty();
            }
            comparisons.add(comparison.get());
        }
        return Optional.of(comparisons.stream().reduce(all ? Predicate::and : Predicate::or).orElseThrow());
    }

    private static Optional<Predicate<Object[]>> comparison(FileColumns columns, String name, String operator, String literal) {
        int position = columns.position(name);
        ColumnKind kind = position < 0 ? null : columns.columns().get(position).kind();
        boolean equality = operator.equals("==") || operator.equals("!=");
        if (literal.equals("null")) {
            return equality ? Optional.of(row -> (value(row, position) == null) == operator.equals("==")) : Optional.empty();
        }
        if (literal.startsWith("'")) {
            String text = literal.substring(1, literal.length() - 1);
            return equality && kind == ColumnKind.TEXT
                    ? Optional.of(row -> Objects.equals(value(row, position), text) == operator.equals("=="))
                    : Optional.empty();
        }
        // Simple truncates a decimal literal against a whole-number column, and compares floats as doubles: left to it.
        boolean numeric = kind == ColumnKind.DECIMAL || kind == ColumnKind.INTEGER && !literal.contains(".");
        if (!numeric) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(literal);
        return Optional.of(row -> {
            Object value = value(row, position);
            if (value == null) {
                return operator.equals("!=");
            }
            int order = (value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString())).compareTo(number);
            return switch (operator) {
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case "==" -> order == 0;
                default -> order != 0;
            };
        });
    }

    private static Object value(Object[] row, int position) {
        return position < 0 ? null : row[position];
    }
}
