package io.s3redshiftloader.csv;

import java.util.List;

/**
 * A chunk after parsing: the valid rows (values in {@link FileColumns#columns()} order) and the rejected ones.
 * The filter replaces {@code rows} with the rows it keeps.
 */
public record ParsedChunk(int number, int recordsRead, List<Object[]> rows, List<RejectedRow> rejected) {

    public ParsedChunk withRows(List<Object[]> kept) {
        return new ParsedChunk(number, recordsRead, kept, rejected);
    }
}
