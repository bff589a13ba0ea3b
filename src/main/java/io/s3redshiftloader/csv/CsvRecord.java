package io.s3redshiftloader.csv;

/** One CSV record as read, with the file line it starts on (1-based, the header being line 1 at the earliest). */
public record CsvRecord(long line, String[] values) {
}
