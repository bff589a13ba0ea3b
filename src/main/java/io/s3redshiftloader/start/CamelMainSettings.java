package io.s3redshiftloader.start;

import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.config.SettingsCatalogue;
import io.s3redshiftloader.observe.FileMdc;
import java.util.Map;
import org.apache.camel.main.Main;
import org.apache.camel.main.SimpleMainShutdownStrategy;

/** How Camel Main runs the loader: its own settings, and the {@code {{loader.*}}} properties the routes read. */
public final class CamelMainSettings {
    private static final String JVM_METRICS = "jvm-memory,jvm-gc,jvm-thread,processor,uptime";

    private CamelMainSettings() {
    }

    /** @param camelProperties the {@code camel.*} lines of the properties file, which the loader's own settings override */
    public static void apply(Main main, LoaderSettings settings, Map<String, String> camelProperties) {
        camelProperties.forEach(main::addInitialProperty);
        SettingsCatalogue.routeProperties(settings).forEach(main::addOverrideProperty);
        // No JVM shutdown hook (it logs every signal as SIGTERM): LoaderMain handles SIGTERM and SIGINT through stop(why).
        main.setShutdownStrategy(new SimpleMainShutdownStrategy());
        // A route whose S3 endpoint could not reach S3 when it started is started again with backoff, not fatal.
        main.addOverrideProperty("camel.routecontroller.enabled", "true");
        main.addOverrideProperty("camel.routecontroller.backOffDelay", Long.toString(Math.max(100, settings.retryDelay().toMillis())));
        main.addOverrideProperty("camel.routecontroller.backOffMultiplier", "2");
        main.addOverrideProperty("camel.routecontroller.backOffMaxDelay", "30000");
        main.configure().withRoutesIncludePattern(settings.routes());
        if (settings.routesReload()) {
            // Only the user's filter is replaced live; a load in flight keeps running on the flow's routes. Replacing those
            // under a load, or while S3 is unreachable (their S3 endpoints then fail to start), is not safe: the flow
            // changes with a restart.
            main.configure().withRoutesReloadEnabled(true).withRoutesReloadDirectory("routes").withRoutesReloadPattern("filter.yaml")
                    .withRoutesReloadRemoveAllRoutes(false);
        }
        // Camel caches stream bodies by default, which would read each S3 object whole before it is parsed.
        main.configure().setStreamCachingEnabled(false);
        main.addOverrideProperty("camel.component.aws2-s3.amazonS3Client", "#s3Client");
        main.addOverrideProperty("camel.component.aws2-sns.amazonSNSClient", "#snsClient");
        main.addOverrideProperty("camel.component.aws2-sqs.amazonSQSClient", "#sqsClient");
        if (settings.httpEnabled()) {
            main.addOverrideProperty("camel.management.enabled", "true");
            main.addOverrideProperty("camel.management.port", Integer.toString(settings.httpPort()));
            main.addOverrideProperty("camel.management.healthCheckEnabled", "true");
            main.addOverrideProperty("camel.management.metricsEnabled", "true");
            main.addOverrideProperty("camel.metrics.enabled", "true");
            main.addInitialProperty("camel.metrics.binders", JVM_METRICS);
        }
        // Each file's load id and key in the MDC of every line its load logs, on whichever thread.
        main.addOverrideProperty("camel.mdc.enabled", "true");
        main.addOverrideProperty("camel.mdc.customProperties", FileMdc.LOAD_ID + "," + FileMdc.OBJECT_KEY);
    }
}
