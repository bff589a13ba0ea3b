package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A load's rows for COPY from S3: spread over the parts by chunk, gzip CSV, each chunk once, gone when closed. */
class StagingPartsTest {
    private static final List<Column> COLUMNS = List.of(
            new Column("transaction_id", ColumnKind.TEXT, "character varying", 64, 0, 0, false),
            new Column("amount", ColumnKind.DECIMAL, "numeric", 0, 18, 2, true));
    private static final LocalDateTime AT = LocalDateTime.of(2024, 3, 1, 9, 5, 7, 250_000_000);

    @Test
    void chunksGoWholeIntoTheirPartAndARedeliveredChunkIsNotWrittenTwice(@TempDir Path temporary) {
        StagingParts parts = new StagingParts("load-1", 3, temporary);
        for (int chunk = 0; chunk < 5; chunk++) {
            parts.write(chunk, COLUMNS, List.of(new Object[] {"T" + chunk + "a", new BigDecimal("500.01")}, new Object[] {"T" + chunk + "b", null}), AT);
        }
        parts.write(4, COLUMNS, List.of(new Object[] {"T4a", new BigDecimal("500.01")}, new Object[] {"T4b", null}), AT);

        List<Path> files = parts.finish();

        assertEquals(List.of("part-0001.csv.gz", "part-0002.csv.gz", "part-0003.csv.gz"), files.stream().map(f -> f.getFileName().toString()).toList());
        assertEquals(List.of("\"T0a\",500.01,\"load-1\",0,2024-03-01 09:05:07.25", "\"T0b\",,\"load-1\",0,", "\"T3a\",500.01,\"load-1\",3,2024-03-01 09:05:07.25", "\"T3b\",,\"load-1\",3,"), lines(files.get(0)));
        assertEquals(List.of("\"T1a\",500.01,\"load-1\",1,2024-03-01 09:05:07.25", "\"T1b\",,\"load-1\",1,", "\"T4a\",500.01,\"load-1\",4,2024-03-01 09:05:07.25", "\"T4b\",,\"load-1\",4,"), lines(files.get(1)));
        assertEquals(List.of("\"T2a\",500.01,\"load-1\",2,2024-03-01 09:05:07.25", "\"T2b\",,\"load-1\",2,"), lines(files.get(2)));
        assertEquals(10, parts.rows());

        parts.close();
        files.forEach(file -> assertFalse(Files.exists(file), file + " is deleted"));
    }

    @Test
    void onlyPartsThatReceivedRowsAreUploaded(@TempDir Path temporary) {
        StagingParts parts = new StagingParts("load-2", 4, temporary);
        parts.write(1, COLUMNS, List.<Object[]>of(new Object[] {"only", BigDecimal.ONE}), AT);
        assertEquals(List.of("part-0002.csv.gz"), parts.finish().stream().map(f -> f.getFileName().toString()).toList());
        parts.close();
    }

    private static List<String> lines(Path gzip) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip))) {
            return new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
