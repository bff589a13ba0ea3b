package io.s3redshiftloader.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The target table's columns, read from the database at start. */
public record TableSchema(TableName name, List<Column> columns) {

    public Optional<Column> column(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return columns.stream().filter(c -> c.name().equals(wanted)).findFirst();
    }

    /** The columns a file must have: not nullable, and not filled by the database when left out. */
    public List<Column> requiredColumns() {
        return columns.stream().filter(c -> !c.nullable() && c.columnDefault() == ColumnDefault.NONE).toList();
    }
}
