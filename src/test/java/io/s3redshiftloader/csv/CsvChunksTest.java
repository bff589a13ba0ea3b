package io.s3redshiftloader.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void byteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "transaction_id,amount\r\nT1,5\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, both, 0, 3);
        System.arraycopy(text, 0, both, 3, text.length);
        for (boolean gzip : new boolean[] {false, true}) {
            CsvChunks chunks = CsvChunks.open(new ByteArrayInputStream(gzip ? gzip(both) : both), gzip, 10);
            assertArrayEquals(new String[] {"transaction_id", "amount"}, chunks.header());
            assertEquals(List.of("transaction_id", "amount"), FileColumns.of(chunks.header(), TestSchemas.transactions()).names());
            assertEquals(2L, chunks.next().records().get(0).line());
        }
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
    void crlfBlankLinesAreSkippedAndLineNumbersStayRight() {
        List<CsvRecord> records = read("\r\nid,amount\r\n1,5\r\n\r\n2,6\r\n\r\n");
        assertEquals(List.of(3L, 5L), records.stream().map(CsvRecord::line).toList());
        assertArrayEquals(new String[] {"2", "6"}, records.get(1).values());
    }

    @Test
    void loneCarriageReturnsEndLinesToo() {
        List<CsvRecord> records = read("id,amount\r1,5\r\r2,6\r3,\"x\ry\"\r4,7");
        assertEquals(List.of(2L, 4L, 5L, 7L), records.stream().map(CsvRecord::line).toList());
        assertEquals("x\ry", records.get(2).values()[1]);
    }

    @Test
    void lineBreaksInsideQuotesAreKeptAsWrittenAndCounted() {
        List<CsvRecord> records = read("id,merchant\n1,\"a\rb\"\n2,\"c\r\"\n3,\"d\re\nf\"\n4,\"g\r\nh\"\r\n5,\"\r\r\n\n\"\n6,x\n");
        assertEquals(List.of("a\rb", "c\r", "d\re\nf", "g\r\nh", "\r\r\n\n", "x"), records.stream().map(r -> r.values()[1]).toList());
        assertEquals(List.of(2L, 4L, 6L, 9L, 11L, 15L), records.stream().map(CsvRecord::line).toList());
    }

    @Test
    void lineBreaksAndQuotesSplitBetweenReadsAreReadTheSame() {
        for (int pad = 8170; pad < 8200; pad++) {
            String text = "id,merchant\r\n" + "x".repeat(pad) + ",\"a\rb\"\"\r\nc\"\r\n2,y\r\n";
            List<CsvRecord> records = read(text);
            assertEquals(List.of(2L, 5L), records.stream().map(CsvRecord::line).toList(), "pad " + pad);
            assertEquals("a\rb\"\r\nc", records.get(0).values()[1], "pad " + pad);
        }
    }

    @Test
    void theLastRecordNeedsNoLineBreak() {
        assertArrayEquals(new String[] {"1", "x"}, read("id,m\n1,x").get(0).values());
        assertArrayEquals(new String[] {"1", "x"}, read("id,m\n1,\"x\"").get(0).values());
        assertArrayEquals(new String[] {"1", ""}, read("id,m\n1,").get(0).values());
        assertArrayEquals(new String[] {"1", ""}, read("id,m\n1,\"\"").get(0).values());
    }

    @Test
    void aRecordAfterBlankLinesAndAMultiLineRecordStartsOnItsOwnLine() {
        List<CsvRecord> records = read("id,m\r\n\r\n\r\n1,\"two\r\nlines\"\r\n\n\r\r\n2,x\r\n");
        assertEquals(List.of(4L, 9L), records.stream().map(CsvRecord::line).toList());
    }

    @Test
    void aLineHoldingOnlyAnEmptyQuotedFieldIsSkippedLikeABlankLine() {
        List<CsvRecord> records = read("id,m\n\"\"\n1,x\n");
        assertEquals(List.of(3L), records.stream().map(CsvRecord::line).toList());
    }

    @Test
    void blanksBetweenAClosingQuoteAndTheNextCommaOrLineBreakAreDropped() {
        List<CsvRecord> records = read("id,m,n\n1,\"a\" ,\"b\"\t\n2,\"c\" \r\n3,\"d\"\u2003\n");
        assertEquals(List.of(List.of("1", "a", "b"), List.of("2", "c"), List.of("3", "d")),
                records.stream().map(r -> List.of(r.values())).toList());
        assertEquals(List.of(2L, 3L, 4L), records.stream().map(CsvRecord::line).toList());
    }

    @Test
    void recordsWithAnyNumberOfFieldsAreReturnedAsTheyAre() {
        List<CsvRecord> records = read("id,m\n1\n2,x,y\n" + ",".repeat(20_000) + "\n");
        assertEquals(List.of(1, 3, 20_001), records.stream().map(r -> r.values().length).toList());
    }

    @Test
    void manyBlankLinesAreNotOneLongRecord() {
        List<CsvRecord> records = read("id\n" + "\n".repeat(5 * 1024 * 1024) + "1\n");
        assertEquals(List.of(5L * 1024 * 1024 + 2), records.stream().map(CsvRecord::line).toList());
    }

    @Test
    void headerOnlyHasNoRecords() {
        for (String text : List.of("transaction_id,amount\n", "transaction_id,amount", "transaction_id,amount\r\n\r\n")) {
            CsvChunks chunks = CsvChunks.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), false, 10);
            assertArrayEquals(new String[] {"transaction_id", "amount"}, chunks.header());
            assertFalse(chunks.hasNext(), text);
        }
    }

    @Test
    void zeroBytesIsAnEmptyFileEvenWhenNamedGzip() {
        assertEquals("The file is empty (0 bytes).", failure(new byte[0], false));
        assertEquals("The file is empty (0 bytes).", failure(new byte[0], true));
    }

    @Test
    void onlyBlankLinesIsAFileWithoutHeader() throws IOException {
        assertEquals("The file is empty: it has no header row.", failure("\n\r\n\n".getBytes(StandardCharsets.UTF_8), false));
        assertEquals("The file is empty: it has no header row.", failure(gzip(""), true));
    }

    @Test
    void binaryGarbageIsNotTakenForText() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        assertEquals("The file is not UTF-8 CSV text: byte 1 (0xFF, on line 1) is not valid UTF-8.", failure(garbage, false));
    }

    @Test
    void pngOrZipRenamedCsvIsNotText() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertEquals("The file is not UTF-8 CSV text: byte 1 (0x89, on line 1) is not valid UTF-8.", failure(png, false));
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, (byte) 0xA1, 0x5B, 0, 0};
        assertEquals("The file is not UTF-8 CSV text: byte 11 (0xA1, on line 1) is not valid UTF-8.", failure(zip, false));
    }

    @Test
    void anInvalidByteDeepInTheFileIsNamedByItsExactByteAndLine() throws IOException {
        StringBuilder text = new StringBuilder("id,amount\n");
        for (int i = 0; i < 5000; i++) {
            text.append(i).append(",1\n");
        }
        byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = Arrays.copyOf(good, good.length + 5);
        System.arraycopy(new byte[] {'x', ',', (byte) 0xE9, '1', '\n'}, 0, bad, good.length, 5);
        String expected = "byte " + (good.length + 3) + "%s (0xE9, on line 5002) is not valid UTF-8.";
        assertEquals("The file is not UTF-8 CSV text: " + expected.formatted(""), failure(bad, false));
        assertEquals("The file is not UTF-8 CSV text: " + expected.formatted(" of the unzipped data"), failure(gzip(bad), true));
    }

    @Test
    void anInvalidByteIsNamedByItsLineAfterAnyKindOfLineBreak() {
        byte[] good = "id,m\r\n1,\"a\rb\"\r2,\"x\r\ny\"\n\n3,".getBytes(StandardCharsets.UTF_8);
        byte[] bad = Arrays.copyOf(good, good.length + 1);
        bad[good.length] = (byte) 0xE9;
        assertEquals("The file is not UTF-8 CSV text: byte " + bad.length + " (0xE9, on line 7) is not valid UTF-8.", failure(bad, false));
    }

    @Test
    void zeroFilledOrUtf16TextIsNotTakenForAHeader() {
        assertEquals("The file is not UTF-8 CSV text: its header row on line 1 contains NUL bytes.", failure(new byte[512], false));
        byte[] utf16 = "transaction_id,amount\n".getBytes(StandardCharsets.UTF_16LE);
        assertEquals("The file is not UTF-8 CSV text: its header row on line 1 contains NUL bytes.", failure(utf16, false));
    }

    @Test
    void truncatedGzipFailsTheFileWithAReason() throws IOException {
        byte[] whole = gzip("id,amount\n" + "1,5\n".repeat(10_000));
        String truncated = "The gzip data ends before its end marker: the file is truncated.";
        assertEquals(truncated, failure(Arrays.copyOf(whole, whole.length / 2), true), "cut in the data");
        assertEquals(truncated, failure(Arrays.copyOf(whole, whole.length - 4), true), "cut in the trailer");
        assertEquals(truncated, failure(Arrays.copyOf(whole, 5), true), "cut in the header");
    }

    @Test
    void gzipWhoseChecksumDoesNotMatchIsCorrupt() throws IOException {
        byte[] corrupt = gzip("id,amount\n1,5\n");
        corrupt[corrupt.length - 8] ^= (byte) 0xFF;
        assertEquals("The gzip data is corrupt (Corrupt GZIP trailer).", failure(corrupt, true));
    }

    @Test
    void plainTextNamedGzipIsNotGzip() {
        assertEquals("The file's name ends in .gz but it is not gzip data.", failure("id,amount\n1,5\n".getBytes(StandardCharsets.UTF_8), true));
    }

    @Test
    void unterminatedQuoteFailsTheFileNamingTheLineTheQuoteOpensOn() {
        assertEquals("The quoted field starting on line 3 is never closed: the file ends inside it.",
                failure("id,merchant\n1,ok\n2,\"never closed\n3,x\n4,y\n"));
        assertEquals("The quoted field starting on line 5 is never closed: the file ends inside it.",
                failure("id,merchant\n1,ok\n\n\n5,\"never closed\n6,x\n"), "after blank lines");
        assertEquals("The quoted field starting on line 3 is never closed: the file ends inside it.",
                failure("id,a,b\n1,\"two\nlines\",\"never closed\n4,x\n"), "in a record's later line");
    }

    @Test
    void textAfterAClosingQuoteFailsTheFileNamingBothLines() {
        assertEquals("The record starting on line 4 has text right after a closing quote on line 6; "
                        + "a quote inside a quoted field must be doubled (\"\").",
                failure("id,merchant\n1,ok\n\n3,\"opened\n4,x\n5,\"y\",z\n"));
    }

    @Test
    void aQuoteLeftOpenAfterAnEscapedQuoteOrALoneCarriageReturnIsNeverClosed() {
        assertEquals("The quoted field starting on line 2 is never closed: the file ends inside it.", failure("id,m\n1,\"ab\"\""));
        assertEquals("The quoted field starting on line 3 is never closed: the file ends inside it.", failure("id,m\r1,ok\r2,\"open\r3,x\r"));
        assertEquals("The quoted field starting on line 2 is never closed: the file ends inside it.", failure("id,m\n1,\"a\r"));
    }

    @Test
    void textAfterAClosingQuoteAndItsBlanksFailsTheFile() {
        assertEquals("The record starting on line 2 has text right after a closing quote on line 2; "
                + "a quote inside a quoted field must be doubled (\"\").", failure("id,m\n1,\"a\" b\n2,x\n"));
        assertEquals("The record starting on line 3 has text right after a closing quote on line 3; "
                + "a quote inside a quoted field must be doubled (\"\").", failure("id,m\r\n1,x\r\n2,\"a\"b"));
        assertEquals("The record starting on line 2 has text right after a closing quote on line 4; "
                + "a quote inside a quoted field must be doubled (\"\").", failure("id,m\n1,\"a\r\rb\" \"c\"\n"));
    }

    @Test
    void afterAReadFailureNothingMoreIsRead() {
        CsvChunks chunks = CsvChunks.open(new ByteArrayInputStream("id,merchant\n1,\"a\"b\n2,ok\n3,ok\n".getBytes(StandardCharsets.UTF_8)), false, 1);
        assertThrows(UnloadableFileException.class, chunks::next);
        assertFalse(chunks.hasNext(), "the rest of the file is not read on");
    }

    @Test
    void aRecordOverFourMegabytesFailsTheFileInsteadOfFillingMemory() {
        String huge = "x".repeat(5 * 1024 * 1024);
        String expected = "The record starting on line 3 is longer than 4 MB, more than a row can hold; check for a quote that is never closed.";
        assertEquals(expected, failure("id,merchant\n1,ok\n2," + huge + "\n4,y\n"), "unquoted");
        assertEquals(expected, failure("id,merchant\n1,ok\n2,\"" + huge), "never closed");
    }

    @Test
    void theLimitCountsUtf8BytesAsRedshiftMeasuresARow() {
        // 1.5 million characters, 4.5 MB in UTF-8: under 4 M characters, over Redshift's 4 MB.
        String euros = "\u20ac".repeat(1_500_000);
        assertEquals("The record starting on line 2 is longer than 4 MB, more than a row can hold; check for a quote that is never closed.",
                failure("id,merchant\n1," + euros + "\n2,b\n"));
        String emoji = "\ud83d\ude00".repeat(1_100_000);
        assertEquals("The record starting on line 2 is longer than 4 MB, more than a row can hold; check for a quote that is never closed.",
                failure("id,merchant\n1,\"" + emoji + "\"\n"), "4 bytes a character, 2 UTF-16 units");
        String under = "\u20ac".repeat(1_300_000);
        assertEquals(under, read("id,merchant\n1," + under + "\n2,b\n").get(0).values()[1], "3.9 MB");
    }

    @Test
    void aLongRecordUnderTheLimitIsRead() {
        String long3Mb = "y".repeat(3 * 1024 * 1024);
        List<CsvRecord> records = read("id,merchant\n1," + long3Mb + "\n2,b\n3,c\n");
        assertEquals(long3Mb, records.get(0).values()[1]);
        assertEquals(List.of(2L, 3L, 4L), records.stream().map(CsvRecord::line).toList());
    }

    private static String failure(String text) {
        return failure(text.getBytes(StandardCharsets.UTF_8), false);
    }

    private static String failure(byte[] bytes, boolean gzip) {
        return assertThrows(UnloadableFileException.class, () -> read(bytes, gzip, 100)).getMessage();
    }

    private static byte[] gzip(String text) throws IOException {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
