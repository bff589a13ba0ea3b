package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazon.redshift.Driver;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.util.DriverDataSource;
import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.config.SettingsSource;
import io.s3redshiftloader.it.TestStack;
import io.s3redshiftloader.local.RedshiftStartupRelay;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the Redshift JDBC driver does with the connection settings the loader gives it, through the relay to the
 * PostgreSQL stand-in (which answers every TLS request with "no"). Connections are opened the way the pool opens them.
 * For IAM authentication the driver's Redshift API calls go to a stand-in that records them.
 */
class RedshiftDriverAuthIT {

    private static WarehouseConnection settings(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_BUCKET_NAME", "bucket");
        env.put("ARN_SNS_URL_IN_AWS", "arn:aws:sns:eu-west-1:123456789012:loads");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return LoaderSettings.load(new SettingsSource(env, new Properties())).warehouseConnection();
    }

    /** One connection as HikariCP's pool opens it from the loader's configuration. */
    private static Connection connect(HikariConfig config) throws SQLException {
        return new DriverDataSource(config.getJdbcUrl(), config.getDriverClassName(), config.getDataSourceProperties(),
                config.getUsername(), config.getPassword()).getConnection();
    }

    /** Every connection property the driver will act on, as it reads the URL over the loader's data source properties. */
    private static Map<String, String> asTheDriverReadsIt(HikariConfig config) throws SQLException {
        Map<String, String> read = new HashMap<>();
        for (DriverPropertyInfo property : new Driver().getPropertyInfo(config.getJdbcUrl(), config.getDataSourceProperties())) {
            if (property.value != null) {
                read.put(property.name.toLowerCase(Locale.ROOT), property.value);
            }
        }
        return read;
    }

    @Test
    void theDriverChecksTheHostNameUnlessTheUrlChoosesItsOwnSslmode() throws Exception {
        String cluster = "jdbc:redshift://analytics.abc.eu-west-1.redshift.amazonaws.com:5439/dev";
        assertEquals("verify-full", asTheDriverReadsIt(WarehouseDataSource.config(settings("REDSHIFT_JDBC_URL", cluster))).get("sslmode"));
        assertEquals("verify-ca", asTheDriverReadsIt(WarehouseDataSource.config(settings("REDSHIFT_JDBC_URL", cluster + "?SSLMode=verify-ca")))
                .get("sslmode"), "a choice written in the URL is the user's");
        Map<String, String> standIn = asTheDriverReadsIt(WarehouseDataSource.config(settings("REDSHIFT_JDBC_URL",
                "jdbc:redshift://127.0.0.1:15439/postgres?ssl=false")));
        assertEquals("false", standIn.get("ssl"));
        assertNull(standIn.get("sslmode"));
    }

    @Test
    void theRelayedStandInStillConnectsInPlainText() throws Exception {
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(TestStack.warehouse().port());
                Connection connection = connect(WarehouseDataSource.config(settings(
                        "REDSHIFT_JDBC_URL", relay.jdbcUrl(TestStack.warehouse().database()),
                        "REDSHIFT_DBUSER", TestStack.warehouse().user(), "REDSHIFT_PASSWORD", TestStack.warehouse().password())));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT 1")) {
            assertTrue(result.next());
            assertTrue(relay.statements().contains("SELECT 1"), relay.statements().toString());
        }
    }

    @Test
    void withoutSslFalseTheDriverInsistsOnTlsAndSendsNothingInPlainText() {
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(TestStack.warehouse().port())) {
            HikariConfig config = WarehouseDataSource.config(settings(
                    "REDSHIFT_JDBC_URL", "jdbc:redshift://localhost:" + relay.port() + "/" + TestStack.warehouse().database(),
                    "REDSHIFT_DBUSER", TestStack.warehouse().user(), "REDSHIFT_PASSWORD", TestStack.warehouse().password()));
            SQLException refused = assertThrows(SQLException.class, () -> connect(config).close());
            assertTrue(String.valueOf(refused.getMessage()).contains("SSL"), refused.getMessage());
            assertEquals(1, relay.statementsByConnection().size(), "the driver reached the relay once");
            assertEquals(List.of(), relay.statements());
        }
    }

    @Test
    void aClusterAsksForTheDatabaseUsersCredentialsWithAutoCreateAndGroupsThenInsistsOnTls() throws Exception {
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(TestStack.warehouse().port());
                RedshiftApiStandIn api = RedshiftApiStandIn.start(relay.port())) {
            HikariConfig config = WarehouseDataSource.config(settings("REDSHIFT_CLUSTER_IDENTIFIER", "analytics",
                    "REDSHIFT_REGION_CLUSTER", "eu-west-1", "REDSHIFT_DBUSER", "loader", "REDSHIFT_AUTO_CREATE", "true",
                    "REDSHIFT_DB_GROUPS", "etl, loaders"));
            config.addDataSourceProperty("endpointUrl", api.url());

            SQLException refused = assertThrows(SQLException.class, () -> connect(config).close());

            assertEquals("analytics", api.form("DescribeClusters").get("ClusterIdentifier"));
            Map<String, String> request = api.form("GetClusterCredentials");
            assertEquals("loader", request.get("DbUser"));
            assertEquals("true", request.get("AutoCreate"));
            assertEquals("dev", request.get("DbName"));
            assertEquals(List.of("etl", "loaders"), request.entrySet().stream().filter(entry -> entry.getKey().startsWith("DbGroups."))
                    .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList());
            // With the temporary password in hand, the driver still asks the relay for TLS and goes no further.
            assertTrue(String.valueOf(refused.getMessage()).contains("SSL"), refused.getMessage());
            assertEquals(List.of(), relay.statements());
        }
    }

    @Test
    void aWorkgroupAsksRedshiftServerlessForCredentialsByWorkgroupAtTheDocumentedEndpoint() throws Exception {
        try (RedshiftApiStandIn api = RedshiftApiStandIn.start(0)) {
            // REDSHIFT_DBUSER set, as an environment shared with a cluster has it: Serverless leaves it out.
            HikariConfig config = WarehouseDataSource.config(settings("REDSHIFT_WORKGROUP", "etl-wg", "REDSHIFT_ACCOUNT_ID", "123456789012",
                    "REDSHIFT_REGION_CLUSTER", "eu-west-1", "REDSHIFT_DBUSER", "loader"));
            config.addDataSourceProperty("endpointUrl", api.url());

            // The stand-in denies GetCredentials, so the driver never dials the workgroup's real endpoint.
            assertThrows(SQLException.class, () -> connect(config).close());

            // The endpoint names the host and port, so the driver needs no GetWorkgroup to find them.
            assertEquals(List.of("RedshiftServerless.GetCredentials"), api.operations().stream().distinct().toList());
            String request = api.body("RedshiftServerless.GetCredentials");
            assertTrue(request.contains("\"workgroupName\":\"etl-wg\""), request);
            assertTrue(request.contains("\"dbName\":\"dev\""), request);
        }
    }

    /**
     * The Redshift API on loopback: DescribeClusters points at the relay, GetClusterCredentials hands out a password,
     * anything else is denied. Keeps every request's operation and body.
     */
    private static final class RedshiftApiStandIn implements AutoCloseable {
        private final HttpServer server;
        private final List<String[]> calls = new CopyOnWriteArrayList<>();

        private RedshiftApiStandIn(HttpServer server) {
            this.server = server;
        }

        static RedshiftApiStandIn start(int relayPort) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RedshiftApiStandIn api = new RedshiftApiStandIn(server);
            server.createContext("/", exchange -> api.answer(exchange, relayPort));
            server.start();
            return api;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void answer(HttpExchange exchange, int relayPort) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // The provisioned API takes forms with an Action; Redshift Serverless takes JSON named by X-Amz-Target.
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target != null ? target : parseForm(body).getOrDefault("Action", "");
            calls.add(new String[] {operation, body});
            String namespace = " xmlns=\"http://redshift.amazonaws.com/doc/2012-12-01/\"";
            String metadata = "<ResponseMetadata><RequestId>stand-in</RequestId></ResponseMetadata>";
            switch (operation) {
                case "DescribeClusters" -> send(exchange, 200, "text/xml", "<DescribeClustersResponse" + namespace + "><DescribeClustersResult>"
                        + "<Clusters><Cluster><ClusterIdentifier>analytics</ClusterIdentifier><Endpoint><Address>127.0.0.1</Address>"
                        + "<Port>" + relayPort + "</Port></Endpoint></Cluster></Clusters></DescribeClustersResult>" + metadata
                        + "</DescribeClustersResponse>");
                case "GetClusterCredentials" -> send(exchange, 200, "text/xml", "<GetClusterCredentialsResponse" + namespace
                        + "><GetClusterCredentialsResult><DbUser>IAM:loader</DbUser><DbPassword>temporary</DbPassword>"
                        + "<Expiration>2099-01-01T00:00:00Z</Expiration></GetClusterCredentialsResult>" + metadata
                        + "</GetClusterCredentialsResponse>");
                default -> {
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", "AccessDeniedException");
                    send(exchange, 400, target != null ? "application/x-amz-json-1.1" : "text/xml", target != null
                            ? "{\"__type\":\"AccessDeniedException\",\"message\":\"not answered by the stand-in\"}"
                            : "<ErrorResponse" + namespace + "><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                                    + "<Message>not answered by the stand-in</Message></Error><RequestId>stand-in</RequestId></ErrorResponse>");
                }
            }
        }

        private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        /** The operations called, in order. */
        List<String> operations() {
            return calls.stream().map(call -> call[0]).toList();
        }

        /** The body of the first call of an operation. */
        String body(String operation) {
            return calls.stream().filter(call -> call[0].equals(operation)).findFirst().map(call -> call[1])
                    .orElseThrow(() -> new AssertionError("no " + operation + " among " + operations()));
        }

        /** The form parameters of the first call of an operation of the provisioned API. */
        Map<String, String> form(String operation) {
            return parseForm(body(operation));
        }

        private static Map<String, String> parseForm(String body) {
            Map<String, String> parameters = new HashMap<>();
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            return parameters;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
