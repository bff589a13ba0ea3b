package io.s3redshiftloader.csv;

import java.util.List;

/** A run of consecutive records of one file, numbered from 0, the unit of parallel parsing and writing. */
public record CsvChunk(int number, List<CsvRecord> records) {
}
