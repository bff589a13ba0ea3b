package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.it.Notifications.Notification;
import io.s3redshiftloader.local.RedshiftStartupRelay;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same load through the Amazon Redshift JDBC driver (relayed to PostgreSQL): table and ledger creation, batched
 * multi-row inserts into the table and the file's transaction all go through the driver production uses.
 */
class RedshiftDriverLoadIT {

    @Test
    void rowsLoadThroughTheRedshiftDriverWithEveryColumnIntact() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        String csv = "\uFEFFtransaction_id,account_id,amount,currency,transaction_ts,merchant,category\r\n"
                + "R1,ACC-1,500.01,NZD,2024-03-01T10:15:30Z,\"Kiwi \"\"Coffee\"\", Ltd\",food\r\n"
                + "R2,ACC-2,12.00,NZD,2024-03-01T10:16:00Z,Cheap Shop,retail\r\n"
                + "R3,ACC-3,1200,EUR,2024-03-01T12:00:00+13:00,\"Café\nMünchen\",travel\r\n"
                + "R4,ACC-4,abc,NZD,2024-03-01T12:00:00Z,Bad Amount,retail\r\n"
                + "R5,,99999.99,,,,\r\n"
                + "R6,ACC-6,700,€,2024-03-01T12:00:00Z,Euro Shop,retail\r\n";
        TestStack.aws().putObject(scenario.bucket(), "incoming/redshift.csv", csv.getBytes(StandardCharsets.UTF_8));

        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(TestStack.warehouse().port())) {
            Map<String, String> env = scenario.environment(relay.jdbcUrl(TestStack.warehouse().database()));
            assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(env));
        }

        List<List<Object>> rows = TestStack.warehouse().query("SELECT transaction_id, account_id, amount::text, currency, "
                + "to_char(transaction_ts, 'YYYY-MM-DD HH24:MI:SS'), merchant, category FROM " + scenario.table() + " ORDER BY transaction_id");
        assertEquals(List.of(
                List.of("R1", "ACC-1", "500.01", "NZD", "2024-03-01 10:15:30", "Kiwi \"Coffee\", Ltd", "food"),
                List.of("R3", "ACC-3", "1200.00", "EUR", "2024-02-29 23:00:00", "Café\nMünchen", "travel"),
                java.util.Arrays.asList("R5", null, "99999.99", null, null, null, null)), rows);

        Notification notification = Notifications.receive(scenario.queueUrl(), 1).get(0);
        SampleFileLoadsEndToEndIT.assertCounts(notification.body(), 6, 1, 2, 3);
        // Redshift's CHAR takes single-byte characters only: the row is rejected before it could fail the whole file.
        assertTrue(TestStack.aws().getObjectAsString(scenario.bucket(), "rejected/incoming/redshift.csv.rejects.csv")
                .contains("8,currency contains a multi-byte character; a CHAR column takes single-byte characters only"));
        assertEquals(List.of("processed/incoming/redshift.csv"), TestStack.aws().listKeys(scenario.bucket(), "processed/"));
        assertEquals(List.of("loader_ledger"), TestStack.warehouse().query("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                + scenario.table().substring(0, scenario.table().indexOf('.')) + "' AND table_name = 'loader_ledger'").get(0));
    }
}
