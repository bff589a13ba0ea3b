package io.s3redshiftloader.it;

import io.s3redshiftloader.local.LocalWarehouse;
import java.util.List;

/** What a test reads back from the warehouse to check a load row for row. */
final class Tables {
    private Tables() {
    }

    /** The loaded transaction ids, sorted: a duplicate or a missing row changes the list. */
    static List<String> transactionIds(LocalWarehouse warehouse, String table) {
        return warehouse.query("SELECT transaction_id FROM " + table + " ORDER BY 1").stream().map(row -> (String) row.get(0)).toList();
    }

    static long count(LocalWarehouse warehouse, String table) {
        return ((Number) warehouse.query("SELECT count(*) FROM " + table).get(0).get(0)).longValue();
    }
}
