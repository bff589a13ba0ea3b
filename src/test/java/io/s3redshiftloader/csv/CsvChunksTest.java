package io.s3redshiftloader.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CsvChunksTest {

    private static List<CsvRecord> read(byte[] bytes, boolean gzip, int chunkRows) {
        CsvChunks chunks = CsvChunks.open(new ByteArrayInputStream(bytes), gzip, chunkRows);
        List<CsvRecord> records = new ArrayList<>();
        chunks.forEachRemaining(chunk -> records.addAll(chunk.records()));
        return records;
    }

    private static List<CsvRecord> read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8), false, 2);
    }

    @Test
    void quotedCommasNewlinesAndEscapedQuotesStayInOneRecordWithItsStartingLine() {
        List<CsvRecord> records = read("id,merchant\r\n1,\"Smith, \"\"Jr\"\"\"\r\n2,\"two\nlines\"\r\n3,plain\r\n");
        assertEquals(3, records.size());
        assertArrayEquals(new String[] {"1", "Smith, \"Jr\""}, records.get(0).values());
        assertEquals("two\nlines", records.get(1).values()[1]);
        assertEquals(List.of(2L, 3L, 5L), records.stream().map(CsvRecord::line).toList());
    }

    @Test
    void blankLinesAreSkippedAndLinesStillCountThem() {
        List<CsvRecord> records = read("id,amount\n\n1,5\n\n\n2,6");
        assertEquals(2, records.size());
        assertEquals(List.of(3L, 6L), records.stream().map(CsvRecord::line).toList());
    }

    @Test
    void byteOrderMarkIsNotPartOfTheFirstColumnName() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "id,amount\n1,5\n".getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, both, 0, 3);
        System.arraycopy(text, 0, both, 3, text.length);
        CsvChunks chunks = CsvChunks.open(new ByteArrayInputStream(both), false, 10);
        assertArrayEquals(new String[] {"id", "amount"}, chunks.header());
    }

    @Test
    void recordsComeInChunksOfTheConfiguredSizeNumberedInOrder() {
        StringBuilder text = new StringBuilder("id\n");
        for (int i = 0; i < 5; i++) {
            text.append(i).append('\n');
        }
        CsvChunks chunks = CsvChunks.open(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), false, 2);
        List<Integer> sizes = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        chunks.forEachRemaining(chunk -> {
            sizes.add(chunk.records().size());
            numbers.add(chunk.number());
        });
        assertEquals(List.of(2, 2, 1), sizes);
        assertEquals(List.of(0, 1, 2), numbers);
    }

    @Test
    void gzipIsDecompressedWhileReading() throws IOException {
        assertEquals(2, read(gzip("id,amount\n1,5\n2,7\n"), true, 10).size());
    }

    @Test
    void emptyFileHasNoHeader() {
        UnloadableFileException e = assertThrows(UnloadableFileException.class, () -> read(new byte[0], false, 10));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void truncatedGzipFailsTheFileWithAReason() throws IOException {
        byte[] whole = gzip("id,amount\n" + "1,5\n".repeat(10_000));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        UnloadableFileException e = assertThrows(UnloadableFileException.class, () -> read(truncated, true, 100));
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void binaryGarbageIsNotTakenForText() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        UnloadableFileException e = assertThrows(UnloadableFileException.class, () -> read(garbage, false, 100));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void unterminatedQuoteFailsTheFileNamingTheLine() {
        UnloadableFileException e = assertThrows(UnloadableFileException.class,
                () -> read("id,merchant\n1,ok\n2,\"never closed\n3,x\n"));
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
