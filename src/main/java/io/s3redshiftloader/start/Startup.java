package io.s3redshiftloader.start;

import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.load.ErrorSentences;
import io.s3redshiftloader.load.Intake;
import io.s3redshiftloader.s3.IncomingObjects;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.ModelCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's side of start-up: the routes read are checked before any starts; once Camel runs, S3 and the database are
 * waited for in the background (without end as a service, within the retry budget in run-once mode), and then the
 * intake opens. Camel's graceful shutdown waits LOADER_SHUTDOWN_TIMEOUT_MS for the files in flight.
 */
public final class Startup extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(Startup.class);
    /** One attempt to reach S3 gives up after this long; the next comes after the retry delay. */
    private static final Duration S3_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final LoaderSettings settings;
    private final Intake intake;
    private final Dependencies dependencies;
    private final Runnable stop;
    private volatile CamelContext context;
    private volatile Thread waiting;
    private volatile Exception failure;

    /**
     * @param prepareWarehouse creates the tables if asked to and reads the target's schema
     * @param stop ends Camel Main's run, when the dependencies did not answer within the retry budget
     */
    public Startup(LoaderSettings settings, Intake intake, IncomingObjects incoming, Dependencies.Preparation prepareWarehouse, String databaseAt,
            ErrorSentences errors, Runnable stop) {
        this.settings = settings;
        this.intake = intake;
        this.stop = stop;
        this.dependencies = new Dependencies(
                () -> {
                    incoming.probe(S3_CALL_TIMEOUT);
                    routesStarted();
                },
                "s3://" + settings.bucket() + "/" + settings.prefix() + settings.s3EndpointUrl().map(url -> " (" + url + ")").orElse(""),
                prepareWarehouse, databaseAt, errors);
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        main.getCamelContext().addRoutePolicyFactory(intake);
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext camel = main.getCamelContext();
        RouteCheck.check((ModelCamelContext) camel);
        camel.getShutdownStrategy().setTimeUnit(TimeUnit.MILLISECONDS);
        camel.getShutdownStrategy().setTimeout(settings.shutdownTimeout().toMillis());
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        context = main.getCamelContext();
        if (settings.httpEnabled()) {
            String base = "http://0.0.0.0:" + settings.httpPort() + "/observe/";
            LOG.info("Health: {}health/live (liveness), {}health/ready (readiness), {}health (both); metrics: {}metrics", base, base, base,
                    base);
        }
        Thread thread = new Thread(this::awaitDependencies, "startup");
        thread.setDaemon(true);
        waiting = thread;
        thread.start();
    }

    /** Stops waiting for S3 and the database (the loader is stopping). */
    public void interrupt() {
        Thread thread = waiting;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Why start-up gave up, if it did: S3 or the database did not answer within the retry budget, or a setting is wrong. */
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure);
    }

    private void awaitDependencies() {
        try {
            dependencies.await(settings.runOnce() ? settings.retryAttempts() : -1, settings.retryDelay());
            LOG.info("S3 and the database answer; taking files {}", settings.queueUrl().map(url -> "announced on " + url)
                    .orElse("from s3://" + settings.bucket() + "/" + settings.prefix()));
            intake.open();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Dependencies.Unavailable | RuntimeException e) {
            failure = e;
            stop.run();
        }
    }

    /**
     * The S3 endpoints ask S3 for the bucket when their route starts; Camel's supervising route controller starts a route
     * that failed again, with backoff. Files are taken only once every route runs.
     */
    private void routesStarted() {
        for (Route route : context.getRoutes()) {
            if (!context.getRouteController().getRouteStatus(route.getRouteId()).isStarted()) {
                throw new IllegalStateException("route " + route.getRouteId() + " is not started yet");
            }
        }
    }
}
