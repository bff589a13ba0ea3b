package io.s3redshiftloader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.config.TestSettings;
import io.s3redshiftloader.load.Intake;
import io.s3redshiftloader.load.RunOnce;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The configuration class binds, the way Camel Main does, every bean the route files name, built from the settings and
 * the clients and warehouse it is given. Nothing here is called: the clients point where nothing listens.
 */
class CamelConfigurationTest {
    /** A bean the routes call, by {@code ref:}, as an {@code executorService:} or in a {@code ${bean:…}} expression. */
    private static final Pattern BEAN_REFERENCE = Pattern.compile("(?:ref|executorService):\\s*([A-Za-z]\\w*)|\\$\\{bean:([A-Za-z]\\w*)");
    private static final URI NOWHERE = URI.create("http://127.0.0.1:1");

    private final S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(NOWHERE)
            .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    private final SnsClient sns = SnsClient.builder().region(Region.US_EAST_1).endpointOverride(NOWHERE)
            .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    private final SqsClient sqs = SqsClient.builder().region(Region.US_EAST_1).endpointOverride(NOWHERE)
            .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    private final PGSimpleDataSource warehouse = new PGSimpleDataSource();
    private final Intake intake = new Intake();
    private final AtomicInteger stops = new AtomicInteger();
    private final CamelContext camel = new DefaultCamelContext();
    private CamelConfiguration configuration;

    /** Binds the beans of a CamelConfiguration built from these settings (over the required ones). */
    private void bind(String... settingsAndValues) throws Exception {
        LoaderSettings settings = TestSettings.of(settingsAndValues);
        configuration = new CamelConfiguration(settings, s3, sns, sqs, warehouse, intake, stops::incrementAndGet);
        PluginHelper.getBeanPostProcessor(camel).postProcessBeforeInitialization(configuration, "camelConfiguration");
    }

    @AfterEach
    void close() throws Exception {
        if (configuration != null) {
            configuration.pools().shutdown(true);
        }
        camel.close();
        s3.close();
        sns.close();
        sqs.close();
    }

    @Test
    void everyBeanTheRoutesCallIsBound() throws Exception {
        bind();
        Set<String> named = beansNamedByTheRoutes();
        assertTrue(named.contains("loadSession") && named.contains("fileLoaders"), "the route files name their beans: " + named);
        for (String name : named) {
            assertTrue(camel.getRegistry().lookupByName(name) != null, name + " is named by a route but not bound");
        }
    }

    @Test
    void theClientsWarehouseAndIntakeGivenAreTheOnesBound() throws Exception {
        bind();
        assertSame(s3, camel.getRegistry().lookupByName("s3Client"));
        assertSame(sns, camel.getRegistry().lookupByName("snsClient"));
        assertSame(sqs, camel.getRegistry().lookupByName("sqsClient"));
        assertSame(warehouse, camel.getRegistry().lookupByName("warehouse"));
        assertSame(intake, camel.getRegistry().lookupByName("intake"));
        assertSame(configuration.runOnce(), camel.getRegistry().lookupByName("runOnce"));
        assertSame(configuration.pools().fileLoaders(), camel.getRegistry().lookupByName("fileLoaders"));
    }

    @Test
    void runOnceStopsCamelThroughTheCallbackGivenOnceThePrefixIsDrained() throws Exception {
        bind("LOADER_RUN_ONCE", "true");
        RunOnce runOnce = (RunOnce) camel.getRegistry().lookupByName("runOnce");

        assertEquals(List.of("incoming/a.csv"), runOnce.toLoad(List.of("incoming/a.csv")));
        assertEquals(0, stops.get());
        assertEquals(List.of(), runOnce.toLoad(List.of("incoming/a.csv")));
        assertEquals(1, stops.get());
    }

    @Test
    void aServiceNeverStopsCamelForAnEmptyPrefix() throws Exception {
        bind();
        RunOnce runOnce = (RunOnce) camel.getRegistry().lookupByName("runOnce");

        assertEquals(List.of(), runOnce.toLoad(List.of()));
        assertEquals(0, stops.get());
    }

    private static Set<String> beansNamedByTheRoutes() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).toList()) {
                Matcher reference = BEAN_REFERENCE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (reference.find()) {
                    names.add(reference.group(1) != null ? reference.group(1) : reference.group(2));
                }
            }
        }
        return names;
    }
}
