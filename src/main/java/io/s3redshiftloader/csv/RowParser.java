package io.s3redshiftloader.csv;

import io.s3redshiftloader.schema.Column;
import java.util.ArrayList;
import java.util.List;

/** Validates each record of a chunk against its columns and converts it to typed values; bad records become rejects. */
public final class RowParser {
    private final ValueParser values;

    public RowParser(ValueParser values) {
        this.values = values;
    }

    public ParsedChunk parse(CsvChunk chunk, FileColumns columns) {
        List<Object[]> rows = new ArrayList<>(chunk.records().size());
        List<RejectedRow> rejected = new ArrayList<>();
        List<Column> targets = columns.columns();
        for (CsvRecord record : chunk.records()) {
            String[] fields = record.values();
            if (fields.length != columns.headerSize()) {
                rejected.add(new RejectedRow(record.line(), fields.length + " fields where the header has "
                        + columns.headerSize(), fields));
                continue;
            }
            Object[] row = new Object[targets.size()];
            try {
                for (int i = 0; i < row.length; i++) {
                    row[i] = values.parse(targets.get(i), fields[columns.csvIndex(i)]);
                }
                rows.add(row);
            } catch (ValueParser.RejectedValueException e) {
                rejected.add(new RejectedRow(record.line(), e.getMessage(), fields));
            }
        }
        return new ParsedChunk(chunk.number(), chunk.records().size(), rows, rejected);
    }
}
