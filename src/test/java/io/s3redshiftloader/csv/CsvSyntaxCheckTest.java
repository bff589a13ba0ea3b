package io.s3redshiftloader.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvSyntaxCheckTest {

    @Test
    void marksLoneCarriageReturnsInQuotesAndDropsBlanksAfterClosingQuotesWhateverTheReadSizes() throws IOException {
        String text = "a,\"b\rc\" ,\"d\r\"\n\"e\r\nf\"\t\r\n\"\r\r\n\"";
        String expected = "a,\"b\r\n\uDC00c\",\"d\r\n\uDC00\"\n\"e\r\nf\"\r\n\"\r\n\uDC00\r\n\"";
        for (int size : new int[] {1, 2, 3, 100}) {
            StringBuilder read = new StringBuilder();
            CsvSyntaxCheck check = new CsvSyntaxCheck(new StringReader(text), 100);
            char[] buffer = new char[size];
            int n;
            while ((n = check.read(buffer, 0, size)) >= 0) {
                read.append(buffer, 0, n);
            }
            assertEquals(expected, read.toString(), "reads of " + size);
        }
    }

    @Test
    void theTextBeforeAFailureIsReadFirst() throws IOException {
        CsvSyntaxCheck check = new CsvSyntaxCheck(new StringReader("a\r\n\"b\"\r\n\"c\nd\" e"), 100);
        char[] buffer = new char[100];
        assertEquals(13, check.read(buffer, 0, 100));
        CsvSyntaxCheck.TextAfterQuoteException e = assertThrows(CsvSyntaxCheck.TextAfterQuoteException.class, () -> check.read(buffer, 0, 100));
        assertEquals(4, e.line());
        assertEquals(3, check.recordLine());
    }
}
