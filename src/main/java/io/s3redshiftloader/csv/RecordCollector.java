package io.s3redshiftloader.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import java.util.Arrays;

/** Takes the fields FastCSV splits a record into as a {@link CsvRecord}, with the line the record starts on. */
final class RecordCollector extends AbstractBaseCsvCallbackHandler<CsvRecord> {
    private String[] fields = new String[16];

    @Override
    protected void handleField(int index, char[] buffer, int offset, int length, boolean quoted) {
        if (index == fields.length) {
            fields = Arrays.copyOf(fields, index * 2);
        }
        String value = new String(buffer, offset, length);
        fields[index] = quoted ? value.replace(CsvSyntaxCheck.LONE_CR_MARK, "") : value;
    }

    @Override
    protected CsvRecord buildRecord() {
        return new CsvRecord(getStartingLineNumber(), Arrays.copyOf(fields, getFieldCount()));
    }
}
