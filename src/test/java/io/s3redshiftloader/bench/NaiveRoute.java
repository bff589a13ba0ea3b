package io.s3redshiftloader.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The reference a per-message sink gives: a Camel route that reads the CSV file line by line (streaming split, one
 * exchange per row), parses each line with camel-csv, keeps {@code amount > 500} with a Simple predicate, and sends
 * each kept row to the database as its own INSERT on an autocommit connection, so every row is one round trip and one
 * commit. The INSERT is a processor with one prepared statement, the same statement-per-message a
 * {@code sql:INSERT …} or {@code jdbc:} endpoint executes; the project has no camel-sql or camel-jdbc dependency, and
 * a benchmark should not add one. Single-threaded, as such a route runs unless told otherwise.
 */
final class NaiveRoute {
    private final PreparedStatement insert;
    private long inserted;

    private NaiveRoute(Connection connection, String table) throws SQLException {
        this.insert = connection.prepareStatement("INSERT INTO " + table + " (" + BenchmarkFile.HEADER + ") VALUES (?, ?, ?, ?, ?, ?, ?)");
    }

    /** Runs the route over {@code csv} (header first) into {@code table}; returns the rows inserted. */
    static long load(Connection connection, Path csv, String table) throws Exception {
        connection.setAutoCommit(true);
        NaiveRoute sink = new NaiveRoute(connection, table);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:naive-load").routeId("naive-load")
                            .split(body().tokenize("\n")).streaming().stopOnException()
                                .filter(simple("${exchangeProperty.CamelSplitIndex} > 0"))      // skip the header line
                                .unmarshal().csv()                                                 // [[id, account, amount, ...]]
                                // 500.0, not 500: against a whole-number literal Simple compares whole numbers, and
                                // would drop 500.01. Amounts have two decimals, so a double compares them exactly.
                                .filter(simple("${body[0][2]} > 500.0"))
                                .process(sink::insert);
                }
            });
            camel.start();
            camel.createProducerTemplate().sendBody("direct:naive-load", csv.toFile());
        } finally {
            sink.insert.close();
        }
        return sink.inserted;
    }

    @SuppressWarnings("unchecked")
    private void insert(Exchange exchange) throws SQLException {
        List<String> row = (List<String>) exchange.getMessage().getBody(List.class).get(0);
        insert.setString(1, row.get(0));
        insert.setString(2, row.get(1));
        insert.setBigDecimal(3, new BigDecimal(row.get(2)));
        insert.setString(4, row.get(3));
        // The loader stores timestamps as UTC wall-clock time; so does this.
        insert.setObject(5, LocalDateTime.ofInstant(Instant.parse(row.get(4)), ZoneOffset.UTC));
        insert.setString(6, row.get(5));
        insert.setString(7, row.get(6));
        insert.executeUpdate();
        inserted++;
    }
}
