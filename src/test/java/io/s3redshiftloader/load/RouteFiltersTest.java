package io.s3redshiftloader.load;

import io.s3redshiftloader.csv.CsvChunk;
import io.s3redshiftloader.csv.CsvRecord;
import io.s3redshiftloader.csv.FileColumns;
import io.s3redshiftloader.csv.ParsedChunk;
import io.s3redshiftloader.csv.RowParser;
import io.s3redshiftloader.csv.TestSchemas;
import io.s3redshiftloader.csv.ValueParser;
import io.s3redshiftloader.routes.ExchangeProperties;
import io.s3redshiftloader.schema.Column;
import io.s3redshiftloader.schema.ColumnDefault;
import io.s3redshiftloader.schema.ColumnKind;
import io.s3redshiftloader.schema.TableName;
import io.s3redshiftloader.schema.TableSchema;
import io.s3redshiftloader.warehouse.Dialect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

/** Each shipped filter route, loaded from its YAML file as Camel loads it, applied to rows on both sides of its edges. */
class RouteFiltersTest {

    @Test
    void defaultFilterKeepsAmountsStrictlyOver500() throws Exception {
        List<String> kept = keptIds("routes/filter.yaml", TestSchemas.transactions(),
                new String[] {"transaction_id", "amount", "currency"},
                new String[] {"A", "500.00", "NZD"},
                new String[] {"B", "500.01", "NZD"},
                new String[] {"C", "-900", "NZD"},
                new String[] {"D", "3000000000.50", "USD"},
                new String[] {"E", "500", "USD"},
                new String[] {"F", "499.99", "USD"});
        assertEquals(List.of("B", "D"), kept);
    }

    @Test
    void nzdAmountRangeExampleKeepsNzdFrom1000UpTo10000() throws Exception {
        List<String> kept = keptIds("routes/examples/nzd-amount-range.yaml", TestSchemas.transactions(),
                new String[] {"transaction_id", "amount", "currency"},
                new String[] {"A", "999.99", "NZD"},
                new String[] {"B", "1000", "NZD"},
                new String[] {"C", "9999.99", "NZD"},
                new String[] {"D", "10000", "NZD"},
                new String[] {"E", "5000", "AUD"},
                new String[] {"F", "5000", ""});
        assertEquals(List.of("B", "C"), kept);
    }

    @Test
    void balanceOfPaymentsExampleKeepsFinalValuesOver1000() throws Exception {
        TableSchema balanceOfPayments = new TableSchema(TableName.parse("public.balance_of_payments"), List.of(
                new Column("series_reference", ColumnKind.TEXT, "character varying", 32, 0, 0, false, ColumnDefault.NONE),
                new Column("period", ColumnKind.TEXT, "character varying", 16, 0, 0, false, ColumnDefault.NONE),
                new Column("data_value", ColumnKind.DECIMAL, "numeric", 0, 18, 3, true, ColumnDefault.NONE),
                new Column("status", ColumnKind.TEXT, "character varying", 8, 0, 0, true, ColumnDefault.NONE)));
        List<String> kept = keptIds("routes/examples/balance-of-payments.yaml", balanceOfPayments,
                new String[] {"Series_reference", "Period", "Data_value", "Suppressed", "STATUS"},
                new String[] {"BOPQ.S06AC000000000A", "1971.06", "1000", "", "F"},
                new String[] {"BOPQ.S06AC000000000B", "1971.06", "1000.5", "", "F"},
                new String[] {"BOPQ.S06AC000000000C", "1971.06", "25000", "", "R"},
                new String[] {"BOPQ.S06AC000000000D", "1971.06", "", "Y", "F"},
                new String[] {"BOPQ.S06AC000000000E", "1971.06", "-4000", "", "F"});
        assertEquals(List.of("BOPQ.S06AC000000000B"), kept);
    }

    /** Loads the filter route, runs it to get its predicate, and returns the first field of each row it keeps. */
    private static List<String> keptIds(String routeFile, TableSchema schema, String[] header, String[]... records) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context).resolveResource("file:" + routeFile));
            context.start();
            Exchange result = context.createProducerTemplate().request("direct:row-filter", exchange -> { });
            String filter = result.getProperty(ExchangeProperties.ROW_FILTER, String.class);

            FileColumns columns = FileColumns.of(header, schema);
            LoadContext load = new LoadContext("bucket", "incoming/x.csv", "etag", 100);
            load.columns(columns);
            List<CsvRecord> list = new ArrayList<>();
            for (int i = 0; i < records.length; i++) {
                list.add(new CsvRecord(i + 2, records[i]));
            }
            ParsedChunk parsed = new RowParser(new ValueParser(Dialect.forJdbcUrl("jdbc:postgresql://127.0.0.1/postgres"))).parse(new CsvChunk(0, list), columns);
            assertEquals(List.of(), parsed.rejected(), "test rows must be valid");
            ParsedChunk kept = new RowFilter().keep(parsed, load, filter, context);
            assertEquals(records.length - kept.rows().size(), load.rowsFiltered());
            return kept.rows().stream().map(row -> String.valueOf(row[columns.position(header[0].toLowerCase())])).toList();
        }
    }
}
