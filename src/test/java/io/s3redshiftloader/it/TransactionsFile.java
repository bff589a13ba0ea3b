package io.s3redshiftloader.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic transactions CSV: every even-numbered row has an amount over 500 and is loaded, every odd one is
 * filtered out. Ids carry a prefix so two versions of a file are told apart in the table.
 */
record TransactionsFile(String idPrefix, int rows) {

    byte[] bytes() {
        StringBuilder csv = new StringBuilder("transaction_id,account_id,amount,currency,transaction_ts\n");
        for (int row = 0; row < rows; row++) {
            String amount = row % 2 == 0 ? (501 + row % 1000) + ".25" : (row % 500) + ".75";
            csv.append(id(row)).append(",ACC").append(row % 37).append(',').append(amount).append(",NZD,2024-03-01T10:00:00Z\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    String id(int row) {
        return String.format("%s%06d", idPrefix, row);
    }

    /** The ids the default filter keeps, in the order ORDER BY transaction_id returns them. */
    List<String> loadedIds() {
        List<String> ids = new ArrayList<>();
        for (int row = 0; row < rows; row += 2) {
            ids.add(id(row));
        }
        return ids;
    }
}
