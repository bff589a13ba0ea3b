package io.s3redshiftloader.schema;

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
        String[] parts = lower.split("\\.", -1);
        if (parts.length > 2) {
            // database.schema.table would name another database; the connection's database is the only one.
            throw new IllegalArgumentException("'" + lower + "' has more than two parts; write schema.table");
        }
        return parts.length == 1 ? new TableName("public", parts[0]) : new TableName(parts[0], parts[1]);
    }

    /** Refuses anything but a name that needs no quoting, so it can be written into SQL as is (Redshift allows 127 bytes). */
    public static String requireIdentifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a plain SQL identifier (1 to 127 lower-case letters,"
                    + " digits, _ or $, not starting with a digit)");
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
