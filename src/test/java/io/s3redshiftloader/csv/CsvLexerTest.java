package io.s3redshiftloader.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvLexerTest {

    @Test
    void keepsLoneCarriageReturnsInQuotesAndDropsBlanksAfterClosingQuotesWhateverTheReadSizes() throws IOException {
        String text = "a,\"b\rc\" ,\"d\r\"\n\"e\r\nf\"\t\r\n\"\"\"\r\r\n\"\nx";
        for (int size : new int[] {1, 2, 3, 100}) {
            List<String> records = records(new CsvLexer(new SmallReads(text, size), 100));
            assertEquals(List.of("1[a, b\rc, d\r]", "4[e\r\nf]", "6[\"\r\r\n]", "9[x]"), records, "reads of " + size);
        }
    }

    @Test
    void theRecordsBeforeAFailureComeFirst() throws IOException {
        CsvLexer lexer = new CsvLexer(new StringReader("a\r\n\"b\"\r\n\"c\nd\" e"), 100);
        assertEquals("a", lexer.next().values()[0]);
        assertEquals("b", lexer.next().values()[0]);
        CsvLexer.TextAfterQuoteException e = assertThrows(CsvLexer.TextAfterQuoteException.class, lexer::next);
        assertEquals(4, e.line());
        assertEquals(3, lexer.recordLine());
        assertThrows(CsvLexer.TextAfterQuoteException.class, lexer::next);
    }

    @Test
    void aRecordIsMeasuredInUtf8BytesWithoutItsLineBreak() throws IOException {
        CsvLexer lexer = new CsvLexer(new StringReader("\u00e9\u00e9,\"\"\r\n\u00e9\u00e9\u00e9,\"\""), 8);
        assertEquals(List.of("1[\u00e9\u00e9, ]"), List.of(format(lexer.next())));
        CsvLexer.RecordTooLongException e = assertThrows(CsvLexer.RecordTooLongException.class, lexer::next);
        assertEquals("a record is longer than 8 bytes", e.getMessage());
        assertEquals(2, lexer.recordLine());
    }

    /**
     * Reads every short text of these characters as Commons CSV's RFC 4180 format did (its values, blank lines apart),
     * fails every text it refuses, and reads whatever the sizes in which the text arrives.
     */
    @Test
    void readsWhatCommonsCsvReadsAndRefusesWhatItRefuses() throws IOException {
        char[] alphabet = {'a', ',', '"', '\r', '\n', ' ', '\t', '\u00e9', '\uD83D', '\uDE00'};
        Random random = new Random(20261201);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(14); i > 0; i--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String expected = commonsCsv(text.toString());
            String actual;
            try {
                actual = values(new CsvLexer(new SmallReads(text.toString(), 1 + random.nextInt(4)), 1000));
            } catch (IOException e) {
                actual = "refused";
            }
            assertEquals(expected, actual, () -> "reading " + text.toString().replace("\r", "\\r").replace("\n", "\\n"));
        }
    }

    private static String commonsCsv(String text) {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get()).get()) {
            List<String> records = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (!(record.size() == 1 && record.get(0).isEmpty())) {
                    records.add(record.toList().toString());
                }
            }
            return String.join("|", records);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return "refused";
        }
    }

    private static String values(CsvLexer lexer) throws IOException {
        List<String> records = new ArrayList<>();
        for (CsvRecord record = lexer.next(); record != null; record = lexer.next()) {
            if (!(record.values().length == 1 && record.values()[0].isEmpty())) {
                records.add(List.of(record.values()).toString());
            }
        }
        return String.join("|", records);
    }

    private static List<String> records(CsvLexer lexer) throws IOException {
        List<String> records = new ArrayList<>();
        for (CsvRecord record = lexer.next(); record != null; record = lexer.next()) {
            records.add(format(record));
        }
        return records;
    }

    private static String format(CsvRecord record) {
        return record.line() + List.of(record.values()).toString();
    }

    /** Hands out the text at most {@code size} characters a read, as a slow stream would. */
    private static final class SmallReads extends Reader {
        private final String text;
        private final int size;
        private int position;

        SmallReads(String text, int size) {
            this.text = text;
            this.size = size;
        }

        @Override
        public int read(char[] target, int offset, int length) {
            if (position == text.length()) {
                return -1;
            }
            int count = Math.min(Math.min(size, length), text.length() - position);
            text.getChars(position, position + count, target, offset);
            position += count;
            return count;
        }

        @Override
        public void close() {
        }
    }
}
