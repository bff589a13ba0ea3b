package io.s3redshiftloader.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.s3redshiftloader.CamelConfiguration;
import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.config.SettingsCatalogue;
import io.s3redshiftloader.config.SettingsSource;
import io.s3redshiftloader.load.Intake;
import io.s3redshiftloader.local.LocalWarehouse;
import io.s3redshiftloader.warehouse.WarehouseDataSource;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.sns.Sns2Component;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The route-test tier: the real YAML routes under {@code routes/}, the real settings ({@code config/application.properties}
 * under a few test values) and the real beans, against embedded PostgreSQL, with the S3 and SNS endpoints replaced by mock
 * endpoints. The beans that call S3 themselves get an in-memory bucket, which the S3 mocks read from and write to, so a
 * test puts a file under the prefix and looks at where it went. A file is brought in by the poll route, as in production.
 */
abstract class LoaderRouteTestSupport extends CamelTestSupport {
    static final String BUCKET = "route-tests";
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:000000000000:loader-events";
    static final String TABLE = "public.transactions";
    static final String HEADER = "transaction_id,account_id,amount,currency,transaction_ts,merchant,category\n";
    /** A file of one row the default filter (amount > 500) keeps. */
    static final String ONE_ROW = HEADER + "T1,A1,600.00,USD,2024-03-08T19:42:10Z,Shop,general\n";
    /** Long enough for any file of these tests on a busy machine; a wait that runs out fails the test, it never passes it. */
    private static final long WAIT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    static LocalWarehouse warehouse;

    final InMemoryS3 s3 = new InMemoryS3(BUCKET);
    /** Completed when the loader asks to stop (run-once mode, prefix drained). */
    final CompletableFuture<Void> stopRequested = new CompletableFuture<>();
    /** Closed last-opened first: the thread pools, then the database they write to. */
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private String routesPattern;
    private final AtomicInteger getObjectFaults = new AtomicInteger();

    @BeforeAll
    static void startWarehouse() {
        warehouse = LocalWarehouse.start();
    }

    @AfterAll
    static void stopWarehouse() {
        warehouse.close();
    }

    /** Settings this test class sets over config/application.properties, as environment variables would. */
    Map<String, String> environment() {
        return Map.of();
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        // Every AWS endpoint becomes a mock: S3 reads and writes go to the in-memory bucket, notifications are recorded.
        configuration.withMockEndpointsAndSkip("aws2-*");
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        // Each test starts from empty tables: created again by the loader's own auto-create.
        warehouse.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        CamelContext context = super.createCamelContext();
        loaderConfiguration(context, settings());
        return context;
    }

    private LoaderSettings settings() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_BUCKET_NAME", BUCKET);
        env.put("ARN_SNS_URL_IN_AWS", TOPIC_ARN);
        env.put("AWS_REGION", "us-east-1");
        env.put("TABLE_NAME", TABLE);
        env.put("REDSHIFT_JDBC_URL", warehouse.jdbcUrl());
        env.put("REDSHIFT_DBUSER", warehouse.user());
        env.put("REDSHIFT_PASSWORD", warehouse.password());
        env.put("LOADER_POLL_INTERVAL_MS", "100");
        env.put("LOADER_RETRY_ATTEMPTS", "1");
        env.put("LOADER_RETRY_DELAY_MS", "10");
        env.put("LOADER_CHUNK_ROWS", "2");
        env.put("LOADER_HTTP_PORT", "0");
        env.put("LOADER_PROGRESS_INTERVAL_MS", "0");
        env.put("LOADER_ROUTES_RELOAD", "false");
        env.putAll(environment());
        return LoaderSettings.load(new SettingsSource(env, SettingsSource.readProperties(Path.of("config/application.properties"))));
    }

    /**
     * The loader's own wiring: the loader.* properties the routes read, the beans of {@link CamelConfiguration}, and the
     * route policy that holds the intake until it is opened. Run-once's stop completes {@link #stopRequested}.
     */
    private void loaderConfiguration(CamelContext context, LoaderSettings settings) throws Exception {
        Properties properties = new Properties();
        properties.putAll(SettingsCatalogue.routeProperties(settings));
        context.getPropertiesComponent().setOverrideProperties(properties);
        // Camel caches stream bodies by default, which would read each S3 object whole before it is parsed.
        context.setStreamCaching(false);

        SnsClient sns = new UnusedSnsClient();
        context.getComponent("aws2-s3", AWS2S3Component.class).getConfiguration().setAmazonS3Client(s3);
        context.getComponent("aws2-sns", Sns2Component.class).getConfiguration().setAmazonSNSClient(sns);

        HikariDataSource dataSource = WarehouseDataSource.create(settings.warehouseConnection());
        resources.push(dataSource);
        Intake intake = new Intake();
        context.addRoutePolicyFactory(intake);
        // No SQS client: these tests find files by polling the prefix.
        CamelConfiguration beans = new CamelConfiguration(settings, s3, sns, null, dataSource, intake, () -> stopRequested.complete(null));
        resources.push(() -> beans.pools().shutdown(true));
        beans.prepareWarehouse();
        PluginHelper.getBeanPostProcessor(context).postProcessBeforeInitialization(beans, "camelConfiguration");
        routesPattern = settings.routes();
    }

    /** Every route file the loader runs, found by the same pattern (LOADER_ROUTES), whatever files it is split into. */
    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        List<Resource> files = new ArrayList<>();
        for (String pattern : routesPattern.split(",")) {
            files.addAll(PluginHelper.getPackageScanResourceResolver(context).findResources(pattern.trim()));
        }
        return PluginHelper.getRoutesLoader(context).findRoutesBuilders(files).toArray(RoutesBuilder[]::new);
    }

    /**
     * The S3 mock acts on the in-memory bucket: a getObject streams an object, any other call puts its body. One mock
     * stands for every aws2-s3 endpoint of the bucket; the endpoint the route named tells the operation.
     */
    @Override
    protected void doPostSetup() throws Exception {
        awsMock("aws2-s3").whenAnyExchangeReceived(exchange -> {
            if (String.valueOf(exchange.getProperty(Exchange.TO_ENDPOINT)).contains("operation=getObject")) {
                getObject(exchange);
            } else {
                putObject(exchange);
            }
        });
    }

    private MockEndpoint awsMock(String component) {
        return context.getEndpoints().stream().filter(MockEndpoint.class::isInstance).map(MockEndpoint.class::cast)
                .filter(mock -> mock.getEndpointUri().startsWith("mock://" + component + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no mock for the " + component + " endpoints"));
    }

    private void getObject(Exchange exchange) {
        if (getObjectFaults.getAndUpdate(faults -> Math.max(0, faults - 1)) > 0) {
            throw SdkClientException.create("Unable to execute HTTP request: Connection reset");
        }
        String key = exchange.getMessage().getHeader(AWS2S3Constants.KEY, String.class);
        byte[] content = s3.content(key);
        exchange.getMessage().setHeader(AWS2S3Constants.E_TAG, s3.etagOf(key));
        exchange.getMessage().setHeader(AWS2S3Constants.CONTENT_LENGTH, (long) content.length);
        exchange.getMessage().setBody(new ByteArrayInputStream(content));
    }

    private void putObject(Exchange exchange) {
        s3.put(exchange.getMessage().getHeader(AWS2S3Constants.KEY, String.class), exchange.getMessage().getBody(byte[].class));
    }

    @Override
    protected void doPostTearDown() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    /** The next {@code times} reads of an object fail as a dropped connection does. */
    void failGetObject(int times) {
        getObjectFaults.set(times);
    }

    /** Opens the intake, as the loader does once S3 and the database answer: the poll route starts taking files. */
    void takeFiles() {
        context.getRegistry().lookupByNameAndType("intake", Intake.class).open();
    }

    /** Counts files settled from now on: one exchange per file goes through direct:load-one-file. */
    NotifyBuilder filesSettled(int files) {
        return new NotifyBuilder(context).wereSentTo("direct:load-one-file*").whenDone(files).create();
    }

    void await(NotifyBuilder settled) {
        if (!settled.matches(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("The files were not settled within " + WAIT_SECONDS + " s");
        }
    }

    /** The notifications sent, as JSON bodies, in the order sent. */
    List<JsonNode> notifications() throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (Exchange sent : awsMock("aws2-sns").getReceivedExchanges()) {
            bodies.add(JSON.readTree(sent.getMessage().getBody(String.class)));
        }
        return bodies;
    }

    long rowsInTable() {
        return ((Number) warehouse.query("SELECT COUNT(*) FROM " + TABLE).get(0).get(0)).longValue();
    }

    /** Stands in for the SNS client the aws2-sns endpoint is configured with; its mock never calls it. */
    private static final class UnusedSnsClient implements SnsClient {
        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
            // Holds nothing.
        }
    }
}
