package io.s3redshiftloader.load;

import io.s3redshiftloader.csv.CsvChunk;
import io.s3redshiftloader.csv.ParsedChunk;
import io.s3redshiftloader.csv.RowParser;
import io.s3redshiftloader.routes.ExchangeProperties;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** Parses and validates a chunk's records for its file, and counts what was read and rejected. */
public final class ChunkParser {
    private final RowParser parser;

    public ChunkParser(RowParser parser) {
        this.parser = parser;
    }

    public ParsedChunk parse(@Body CsvChunk chunk, @ExchangeProperty(ExchangeProperties.LOAD_CONTEXT) LoadContext load) {
        ParsedChunk parsed = parser.parse(chunk, load.columns());
        load.countParsed(parsed);
        return parsed;
    }
}
