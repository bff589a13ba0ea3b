package io.s3redshiftloader.warehouse;

import java.util.Locale;
import java.util.regex.Pattern;

/** A schema-qualified table name, checked to be a plain SQL identifier before any SQL is built with it. */
public record TableName(String schema, String table) {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]{0,126}");

    public TableName {
        requireIdentifier(schema);
        requireIdentifier(table);
    }

    /** Parses {@code schema.table} or {@code table} (schema {@code public}); folds to lower case as Redshift does. */
    public static TableName parse(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        int dot = lower.indexOf('.');
        return dot < 0 ? new TableName("public", lower) : new TableName(lower.substring(0, dot), lower.substring(dot + 1));
    }

    public static String requireIdentifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a plain SQL identifier (letters, digits, _ or $, not starting with a digit)");
        }
        return name;
    }

    /** A table in the same schema, named after this one with a suffix. */
    public TableName withSuffix(String suffix) {
        return new TableName(schema, table + suffix);
    }

    public TableName sibling(String name) {
        return new TableName(schema, name);
    }

    public String qualified() {
        return schema + "." + table;
    }

    @Override
    public String toString() {
        return qualified();
    }
}
