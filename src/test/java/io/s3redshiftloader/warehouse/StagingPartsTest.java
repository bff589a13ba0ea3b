package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.schema.Column;
import io.s3redshiftloader.schema.ColumnDefault;
import io.s3redshiftloader.schema.ColumnKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load's rows for COPY from S3: one part for a small file; past 1 MiB compressed, groups of parts whose count is a
 * multiple of the slices, each row in exactly one part, gzip CSV; gone when closed.
 */
class StagingPartsTest {
    private static final List<Column> COLUMNS = List.of(
            new Column("transaction_id", ColumnKind.TEXT, "character varying", 64, 0, 0, false, ColumnDefault.NONE),
            new Column("amount", ColumnKind.DECIMAL, "numeric", 0, 18, 2, true, ColumnDefault.NONE));
    private static final long MIB = 1024 * 1024;

    @Test
    void aSmallFileGivesOnePart(@TempDir Path temporary) throws IOException {
        StagingParts parts = new StagingParts("load-1", 4, MIB, temporary);
        for (int chunk = 0; chunk < 5; chunk++) {
            parts.write(COLUMNS, List.of(new Object[] {"T" + chunk + "a", new BigDecimal("500.01")}, new Object[] {"T" + chunk + "b", null}));
        }

        List<Path> files = parts.finish();

        assertEquals(List.of("part-0001.csv.gz"), files.stream().map(f -> f.getFileName().toString()).toList());
        assertEquals(10, lines(files.get(0)).size());
        assertEquals(List.of("T0a,500.01", "T0b,"), lines(files.get(0)).subList(0, 2));
        parts.close();
        assertFalse(Files.exists(files.get(0)), "deleted when closed");
    }

    @Test
    void aLargeFileIsSpreadOverGroupsOfPartsWhoseCountIsAMultipleOfTheSlices(@TempDir Path temporary) throws IOException {
        StagingParts parts = new StagingParts("load-2", 3, MIB, temporary);
        Random random = new Random(7);
        long rows = 0;
        // Random ids barely compress: about 8 MiB of gzip in all, so several groups of three parts.
        for (int chunk = 0; chunk < 160; chunk++) {
            List<Object[]> chunkRows = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                chunkRows.add(new Object[] {Long.toString(random.nextLong(), 36) + Long.toString(random.nextLong(), 36), BigDecimal.valueOf(i)});
            }
            parts.write(COLUMNS, chunkRows);
            rows += chunkRows.size();
        }

        List<Path> files = parts.finish();

        assertTrue(files.size() >= 6, files.size() + " parts");
        assertEquals(0, files.size() % 3, files.size() + " parts");
        assertEquals(rows, files.stream().mapToLong(file -> lines(file).size()).sum(), "every row in exactly one part");
        for (Path file : files.subList(1, files.size())) {
            assertTrue(Files.size(file) <= 2 * MIB, file + " is " + Files.size(file) + " bytes");
        }
        parts.close();
        files.forEach(file -> assertFalse(Files.exists(file), file + " is deleted"));
    }

    private static List<String> lines(Path gzip) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip))) {
            return new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
