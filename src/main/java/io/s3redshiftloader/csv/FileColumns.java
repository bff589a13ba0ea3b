package io.s3redshiftloader.csv;

import io.s3redshiftloader.schema.Column;
import io.s3redshiftloader.schema.ColumnDefault;
import io.s3redshiftloader.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one file's header maps to table columns: by name, trimmed and case-insensitive; unknown columns are ignored, and
 * columns the database fills (defaults, identities) may be left out.
 */
public final class FileColumns {
    private final int headerSize;
    private final List<Column> columns;
    private final int[] csvIndexes;
    private final Map<String, Integer> positionByName;

    private FileColumns(int headerSize, List<Column> columns, int[] csvIndexes) {
        this.headerSize = headerSize;
        this.columns = List.copyOf(columns);
        this.csvIndexes = csvIndexes;
        this.positionByName = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            positionByName.put(columns.get(i).name(), i);
        }
    }

    public static FileColumns of(String[] header, TableSchema schema) {
        List<Column> columns = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.length; i++) {
            String name = header[i].trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!seen.add(name)) {
                throw new UnloadableFileException("The header names column '" + name + "' twice.");
            }
            Optional<Column> column = schema.column(name);
            if (column.isPresent()) {
                if (column.get().columnDefault() == ColumnDefault.ALWAYS) {
                    throw new UnloadableFileException("The header names column " + name + ", an identity column that table "
                            + schema.name() + " always fills itself; leave it out of the file.");
                }
                columns.add(column.get());
                indexes.add(i);
            }
        }
        List<String> missing = schema.requiredColumns().stream().map(Column::name).filter(name -> !seen.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new UnloadableFileException("The header lacks the required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " of table " + schema.name() + ".");
        }
        return new FileColumns(header.length, columns, indexes.stream().mapToInt(Integer::intValue).toArray());
    }

    public int headerSize() {
        return headerSize;
    }

    /** The table columns this file fills, in the order rows hold their values. */
    public List<Column> columns() {
        return columns;
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    public int csvIndex(int position) {
        return csvIndexes[position];
    }

    /** The position of a column in a row's values, or -1 when the file does not have it. */
    public int position(String name) {
        Integer position = positionByName.get(name);
        if (position == null) {
            position = positionByName.get(name.toLowerCase(Locale.ROOT));
        }
        return position == null ? -1 : position;
    }
}
