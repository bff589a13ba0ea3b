package io.s3redshiftloader.filter;

import io.s3redshiftloader.csv.FileColumns;
import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One row seen as a map from column name to value, so a filter in the route can say {@code ${body[amount]}}.
 * Names are matched case-insensitively; a column the file does not have reads as null. Decimals are wrapped so that
 * Simple compares them exactly (see FilterDecimal).
 */
public final class RowView extends AbstractMap<String, Object> {
    private final FileColumns columns;
    private Object[] values;

    public RowView(FileColumns columns) {
        this.columns = columns;
    }

    /** Points this view at another row; one view serves a whole chunk. */
    public RowView of(Object[] row) {
        this.values = row;
        return this;
    }

    @Override
    public Object get(Object key) {
        int position = key == null ? -1 : columns.position(key.toString());
        Object value = position < 0 ? null : values[position];
        return value instanceof BigDecimal decimal ? new FilterDecimal(decimal) : value;
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && columns.position(key.toString()) >= 0;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            copy.put(columns.columns().get(i).name(), get(columns.columns().get(i).name()));
        }
        return copy.entrySet();
    }
}
