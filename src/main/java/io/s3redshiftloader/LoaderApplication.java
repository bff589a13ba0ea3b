package io.s3redshiftloader;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.csv.RowParser;
import io.s3redshiftloader.csv.ValueParser;
import io.s3redshiftloader.load.ChunkParser;
import io.s3redshiftloader.load.ChunkSource;
import io.s3redshiftloader.load.ChunkWriter;
import io.s3redshiftloader.load.ErrorSentences;
import io.s3redshiftloader.load.LoadSession;
import io.s3redshiftloader.load.Outcomes;
import io.s3redshiftloader.load.QueueDelivery;
import io.s3redshiftloader.load.RetryBudget;
import io.s3redshiftloader.load.RetryLog;
import io.s3redshiftloader.load.RowFilter;
import io.s3redshiftloader.load.RunOnce;
import io.s3redshiftloader.notify.NotificationMessage;
import io.s3redshiftloader.observe.BucketReadiness;
import io.s3redshiftloader.observe.FileMdc;
import io.s3redshiftloader.observe.JavaLogging;
import io.s3redshiftloader.observe.LoadMetrics;
import io.s3redshiftloader.observe.LoadsInFlight;
import io.s3redshiftloader.observe.ProgressLog;
import io.s3redshiftloader.observe.WarehouseReadiness;
import io.s3redshiftloader.s3.AwsClients;
import io.s3redshiftloader.s3.BucketRegion;
import io.s3redshiftloader.s3.IncomingObjects;
import io.s3redshiftloader.s3.ObjectMove;
import io.s3redshiftloader.s3.ObjectKeys;
import io.s3redshiftloader.s3.ResumableBodies;
import io.s3redshiftloader.warehouse.Dialect;
import io.s3redshiftloader.warehouse.JdbcUrl;
import io.s3redshiftloader.warehouse.LoadLedger;
import io.s3redshiftloader.warehouse.S3Copy;
import io.s3redshiftloader.warehouse.S3Staging;
import io.s3redshiftloader.warehouse.TableLoads;
import io.s3redshiftloader.warehouse.TableSchema;
import io.s3redshiftloader.warehouse.WarehouseDataSource;
import io.s3redshiftloader.warehouse.WarehouseSchema;
import io.s3redshiftloader.config.ConfigurationException;
import io.s3redshiftloader.observe.IntakeReadiness;
import io.s3redshiftloader.start.Dependencies;
import io.s3redshiftloader.start.Intake;
import io.s3redshiftloader.start.RouteCheck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.apache.camel.model.ModelCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Wires the loader: settings become Camel properties, the Java beans the YAML routes call are bound by name, and
 * Camel Main runs the routes under {@code routes/} until stopped (or, in run-once mode, until the prefix is drained).
 * Camel Main also serves health and Prometheus metrics over HTTP, puts each file's load id and key in the MDC of every
 * line its load logs, and reloads edited route files.
 * Files are found by listing the prefix, or announced on an SQS queue (LOADER_SQS_QUEUE_URL).
 */
public final class LoaderApplication {
    /** Exit code when the loader was stopped before the files in flight finished: they were rolled back, left to load again. */
    public static final int EXIT_ABANDONED = 3;
    private static final Logger LOG = LoggerFactory.getLogger(LoaderApplication.class);
    /** Readiness probes a dependency in the background, this long after the last probe ended. */
    private static final Duration READINESS_INTERVAL = Duration.ofSeconds(5);
    private static final String JVM_METRICS = "jvm-memory,jvm-gc,jvm-thread,processor,uptime";

    private final LoaderSettings settings;
    private final Map<String, String> camelProperties;
    private final ErrorSentences errors;
    private final Main main = new Main();
    private final Intake intake = new Intake();
    private S3Copy s3Copy = S3Copy.REDSHIFT;
    private volatile Thread startupThread;
    private volatile Exception startupFailure;

    public LoaderApplication(LoaderSettings settings, Map<String, String> camelProperties) {
        this.settings = settings;
        this.camelProperties = camelProperties;
        this.errors = new ErrorSentences(secrets());
    }

    /**
     * Runs until stopped or, with LOADER_RUN_ONCE, until every waiting file was handled; returns the exit code. Camel
     * starts whether or not S3 and the database answer: the loader is live at once, and takes files (is ready) once both
     * have answered and the tables are prepared.
     */
    public int run() throws Exception {
        JavaLogging.toSlf4j();
        LOG.info("Starting: {}", settings);
        if (settings.httpEnabled()) {
            checkPortFree(settings.httpPort());
        }
        try (HikariDataSource dataSource = WarehouseDataSource.create(settings);
                S3Client s3 = AwsClients.s3(settings);
                SnsClient sns = AwsClients.sns(settings);
                SqsClient sqs = AwsClients.sqs(settings)) {
            Dialect dialect = Dialect.forJdbcUrl(settings.jdbcUrl(), settings.batchRows(), s3Staging(s3));
            dialect.loadWarning().ifPresent(LOG::warn);
            WarehouseSchema warehouseSchema = new WarehouseSchema(dataSource, dialect, settings.table());
            Dependencies dependencies = new Dependencies(
                    () -> {
                        s3.listObjectsV2(request -> request.bucket(settings.bucket()).prefix(settings.prefix()).maxKeys(1));
                        routesStarted();
                    },
                    "s3://" + settings.bucket() + "/" + settings.prefix() + settings.s3EndpointUrl().map(url -> " (" + url + ")").orElse(""),
                    () -> warehouseSchema.prepare(settings.tableAutoCreate(), settings.tableDdl()),
                    String.join(",", new JdbcUrl(settings.jdbcUrl()).addresses()), errors);
            AtomicReference<TableSchema> schema = new AtomicReference<>();
            LoadLedger ledger = new LoadLedger(dataSource, dialect, settings.table());
            TableLoads loads = new TableLoads(dataSource, dialect, ledger, settings.table());
            ExecutorService chunkWriters = chunkWriters(settings.writerThreads());
            ExecutorService fileLoaders = threads("file-loader", settings.concurrentFiles());
            LoadsInFlight inFlight = new LoadsInFlight();
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            LoadMetrics metrics = new LoadMetrics(meters, inFlight);
            boolean abandoned = false;
            try (ProgressLog progress = new ProgressLog(inFlight, settings.progressInterval());
                    WarehouseReadiness warehouseReadiness = new WarehouseReadiness(dataSource, READINESS_INTERVAL, errors);
                    BucketReadiness bucketReadiness = new BucketReadiness(s3, settings.bucket(), settings.prefix(), READINESS_INTERVAL, errors)) {
                Outcomes outcomes = new Outcomes(settings.bucket(), settings.table().qualified(),
                        new ObjectKeys(settings.processedPrefix(), settings.failedPrefix(), settings.rejectedPrefix()), errors, metrics);
                RunOnce runOnce = new RunOnce(settings.runOnce(), outcomes, errors, main::completed);
                observe(meters, warehouseReadiness, bucketReadiness);
                bind(s3, sns, sqs, dataSource, dialect, schema::get, ledger, loads, outcomes, runOnce, chunkWriters, inFlight);
                main.bind("fileLoaders", fileLoaders);
                main.bind("retryLog", new RetryLog(errors, metrics));
                main.bind("retryBudget", new RetryBudget());
                main.addMainListener(new Startup(dependencies, schema));
                if (settings.progressEnabled()) {
                    progress.start();
                }
                main.run();
                if (startupFailure != null) {
                    throw startupFailure;
                }
                abandoned = main.getCamelContext() != null && main.getCamelContext().getShutdownStrategy().isTimeoutOccurred();
                if (abandoned) {
                    // Camel gave up waiting: what still loads must not commit now; closing the pool aborts its transaction.
                    inFlight.abandon();
                    LOG.warn("Stopped before {} file(s) in flight finished within {} ms: their transactions are rolled back, and they"
                            + " stay under the prefix{} to be loaded again", inFlight.count(), settings.shutdownTimeout().toMillis(),
                            settings.queueMode() ? " with their queue messages" : "");
                    return EXIT_ABANDONED;
                }
                return runOnce.exitCode();
            } finally {
                // Chunks of a file that failed part-way may still be in flight: let them finish, unless they were abandoned.
                for (ExecutorService pool : List.of(fileLoaders, chunkWriters)) {
                    pool.shutdown();
                    if (abandoned || !pool.awaitTermination(30, TimeUnit.SECONDS)) {
                        pool.shutdownNow();
                    }
                }
            }
        }
    }

    /**
     * Stops gracefully, on SIGTERM or SIGINT: no new file is begun, the files in flight get LOADER_SHUTDOWN_TIMEOUT_MS to
     * finish (Camel's graceful shutdown waits for them), and what has not finished then is abandoned.
     */
    public void stop(String why) {
        LOG.info("Stopping ({}): taking no new files; waiting up to {} ms for the files in flight", why, settings.shutdownTimeout().toMillis());
        intake.close();
        Thread starting = startupThread;
        if (starting != null) {
            starting.interrupt();
        }
        main.completed();
    }

    public void stop() {
        stop("asked to");
    }

    /**
     * The S3 endpoints ask S3 for the bucket when their route starts; Camel's supervising route controller starts a route
     * that failed again, with backoff. Files are taken only once every route runs.
     */
    private void routesStarted() {
        CamelContext context = main.getCamelContext();
        for (Route route : context.getRoutes()) {
            if (!context.getRouteController().getRouteStatus(route.getRouteId()).isStarted()) {
                throw new IllegalStateException("route " + route.getRouteId() + " is not started yet");
            }
        }
    }

    /** Whether S3 and the database have answered and files are taken. */
    public boolean takingFiles() {
        return intake.takesFiles();
    }

    /**
     * Another process on the HTTP port would answer the health probes in the loader's place: refused before anything
     * starts.
     */
    private static void checkPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new ConfigurationException("LOADER_HTTP_PORT: port " + port + " is already in use (" + e.getMessage()
                    + "); choose a free port, or 0 to turn the HTTP server off");
        }
    }

    /**
     * Camel's side of start-up: the routes read are checked before any starts; once Camel runs, S3 and the database are
     * waited for in the background (without end as a service, within the retry budget in run-once mode), and then the
     * intake opens. Camel's graceful shutdown waits LOADER_SHUTDOWN_TIMEOUT_MS for the files in flight.
     */
    private final class Startup extends MainListenerSupport {
        private final Dependencies dependencies;
        private final AtomicReference<TableSchema> schema;

        Startup(Dependencies dependencies, AtomicReference<TableSchema> schema) {
            this.dependencies = dependencies;
            this.schema = schema;
        }

        @Override
        public void beforeConfigure(BaseMainSupport main) {
            main.getCamelContext().addRoutePolicyFactory(intake);
        }

        @Override
        public void afterConfigure(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            RouteCheck.check((ModelCamelContext) context);
            context.getShutdownStrategy().setTimeUnit(TimeUnit.MILLISECONDS);
            context.getShutdownStrategy().setTimeout(settings.shutdownTimeout().toMillis());
        }

        @Override
        public void afterStart(BaseMainSupport main) {
            if (settings.httpEnabled()) {
                String base = "http://0.0.0.0:" + settings.httpPort() + "/observe/";
                LOG.info("Health: {}health/live (liveness), {}health/ready (readiness), {}health (both); metrics: {}metrics", base, base, base,
                        base);
            }
            Thread thread = new Thread(this::awaitDependencies, "startup");
            thread.setDaemon(true);
            startupThread = thread;
            thread.start();
        }

        private void awaitDependencies() {
            try {
                schema.set(dependencies.await(settings.runOnce() ? settings.retryAttempts() : -1, settings.retryDelay()));
                LOG.info("S3 and the database answer; taking files {}", settings.queueUrl().map(url -> "announced on " + url)
                        .orElse("from s3://" + settings.bucket() + "/" + settings.prefix()));
                intake.open();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Dependencies.Unavailable | RuntimeException e) {
                startupFailure = e;
                main.completed();
            }
        }
    }

    /** Text with every known secret replaced by ***, for what is printed when the loader stops on an error. */
    public String mask(String text) {
        return errors.mask(String.valueOf(text));
    }

    private void bind(S3Client s3, SnsClient sns, SqsClient sqs, HikariDataSource dataSource, Dialect dialect, Supplier<TableSchema> schema,
            LoadLedger ledger, TableLoads loads, Outcomes outcomes, RunOnce runOnce, ExecutorService chunkWriters, LoadsInFlight inFlight) {
        camelProperties.forEach(main::addInitialProperty);
        // No JVM shutdown hook (it logs every signal as SIGTERM): LoaderMain handles SIGTERM and SIGINT through stop(why).
        main.setShutdownStrategy(new SimpleMainShutdownStrategy());
        // A route whose S3 endpoint could not reach S3 when it started is started again with backoff, not fatal.
        main.addOverrideProperty("camel.routecontroller.enabled", "true");
        main.addOverrideProperty("camel.routecontroller.backOffDelay", Long.toString(Math.max(100, settings.retryDelay().toMillis())));
        main.addOverrideProperty("camel.routecontroller.backOffMultiplier", "2");
        main.addOverrideProperty("camel.routecontroller.backOffMaxDelay", "30000");
        main.configure().withRoutesIncludePattern(settings.routes());
        if (settings.routesReload()) {
            // Only the routes of the edited file are replaced: a load in flight keeps running on the others.
            main.configure().withRoutesReloadEnabled(true).withRoutesReloadDirectory("routes").withRoutesReloadPattern("*.yaml")
                    .withRoutesReloadRemoveAllRoutes(false);
        }
        // Camel caches stream bodies by default, which would read each S3 object whole before it is parsed.
        main.configure().setStreamCachingEnabled(false);
        main.addOverrideProperty("camel.component.aws2-s3.amazonS3Client", "#s3Client");
        main.addOverrideProperty("camel.component.aws2-sns.amazonSNSClient", "#snsClient");
        main.addOverrideProperty("camel.component.aws2-sqs.amazonSQSClient", "#sqsClient");
        // Route preconditions: the poll route or the queue route is built, never both.
        main.addOverrideProperty("loader.polling", Boolean.toString(!settings.queueMode()));
        main.addOverrideProperty("loader.queueMode", Boolean.toString(settings.queueMode()));
        main.addOverrideProperty("loader.queueUrl", settings.queueUrl().map(URI::toString).orElse(""));
        main.addOverrideProperty("loader.queueName", settings.queueUrl().map(LoaderApplication::queueName).orElse("none"));
        main.addOverrideProperty("loader.queueVisibilityTimeoutSeconds", Long.toString(settings.queueVisibilityTimeout().toSeconds()));
        main.addOverrideProperty("loader.bucket", settings.bucket());
        main.addOverrideProperty("loader.processedPrefix", settings.processedPrefix());
        main.addOverrideProperty("loader.failedPrefix", settings.failedPrefix());
        main.addOverrideProperty("loader.topicArn", settings.topicArn());
        main.addOverrideProperty("loader.pollIntervalMs", Long.toString(settings.runOnce()
                ? Math.min(1000, settings.pollInterval().toMillis()) : settings.pollInterval().toMillis()));
        main.addOverrideProperty("loader.concurrentFiles", Integer.toString(settings.concurrentFiles()));
        main.addOverrideProperty("loader.retryAttempts", Integer.toString(settings.retryAttempts()));
        main.addOverrideProperty("loader.retryDelayMs", Long.toString(settings.retryDelay().toMillis()));

        main.bind("s3Client", s3);
        main.bind("snsClient", sns);
        main.bind("sqsClient", sqs);
        main.bind("warehouse", dataSource);
        IncomingObjects incoming = new IncomingObjects(s3, settings.bucket(), settings.prefix());
        main.bind("incomingObjects", incoming);
        main.bind("objectMove", new ObjectMove(s3, settings.bucket(), settings.multipartCopyThreshold()));
        main.bind("queueDelivery", new QueueDelivery(settings.queueMode(), settings.bucket(), settings.prefix(), incoming, errors, intake));
        main.bind("intake", intake);
        main.bind("runOnce", runOnce);
        main.bind("resumableBodies", new ResumableBodies(s3, settings.bucket(), settings.retryAttempts(), settings.retryDelay()));
        main.bind("loadSession", new LoadSession(ledger, loads, settings.bucket(), settings.maxRejectedRows(), inFlight));
        main.bind("csvChunks", new ChunkSource(schema, settings.chunkRows()));
        main.bind("chunkParser", new ChunkParser(new RowParser(new ValueParser(dialect))));
        main.bind("rowFilter", new RowFilter());
        main.bind("chunkWriter", new ChunkWriter(loads));
        main.bind("chunkWriters", chunkWriters);
        main.bind("outcomes", outcomes);
        main.bind("notificationMessage", new NotificationMessage());
    }

    /** Redshift's COPY from S3 when REDSHIFT_COPY_IAM_ROLE is set, run by {@link #s3Copy}. */
    private Optional<S3Staging> s3Staging(S3Client s3) {
        return settings.s3Copy().map(copy -> new S3Staging(s3, settings.bucket(), copy.stagingPrefix(), copy.iamRole(),
                copy.region().<Supplier<String>>map(region -> () -> region).orElseGet(() -> new BucketRegion(s3, settings.bucket())),
                copy.parts(), copy.partBytes(), Path.of(System.getProperty("java.io.tmpdir")), s3Copy));
    }

    /**
     * Replaces what runs the COPY from S3. Only Redshift can COPY from S3; the integration tests check everything around
     * that statement with a local stand-in that loads the same parts into PostgreSQL.
     */
    public LoaderApplication copyFromS3With(S3Copy standIn) {
        this.s3Copy = standIn;
        return this;
    }

    /**
     * Health (liveness, and readiness that needs the warehouse and the bucket) and Prometheus metrics on the management
     * port; MDC keys for every line of a file's load, on whichever thread it is logged.
     */
    private void observe(PrometheusMeterRegistry meters, WarehouseReadiness warehouseReadiness, BucketReadiness bucketReadiness) {
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        main.bind("warehouseReadiness", warehouseReadiness);
        main.bind("intakeReadiness", new IntakeReadiness(intake));
        main.bind("bucketReadiness", bucketReadiness);
        if (settings.httpEnabled()) {
            // Probed only when someone can ask.
            warehouseReadiness.start();
            bucketReadiness.start();
            main.addOverrideProperty("camel.management.enabled", "true");
            main.addOverrideProperty("camel.management.port", Integer.toString(settings.httpPort()));
            main.addOverrideProperty("camel.management.healthCheckEnabled", "true");
            main.addOverrideProperty("camel.management.metricsEnabled", "true");
            main.addOverrideProperty("camel.metrics.enabled", "true");
            main.addInitialProperty("camel.metrics.binders", JVM_METRICS);
        }
        main.addOverrideProperty("camel.mdc.enabled", "true");
        main.addOverrideProperty("camel.mdc.customProperties", FileMdc.LOAD_ID + "," + FileMdc.OBJECT_KEY);
    }

    /**
     * A fixed pool with a short queue, shared by the files loading at once: when the writers are busy, a file's
     * reading thread writes its chunk itself, so memory stays bounded and no file waits behind another's chunks.
     */
    private static ExecutorService chunkWriters(int threads) {
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads),
                daemonThreads("chunk-writer"), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** The poll route's files loading at once (LOADER_CONCURRENT_FILES); the poll waits for all of them. */
    private static ExecutorService threads(String name, int count) {
        return Executors.newFixedThreadPool(count, daemonThreads(name));
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The queue's name, the last segment of its URL (the aws2-sqs endpoint wants one; the URL is what it uses). */
    private static String queueName(URI queueUrl) {
        String path = queueUrl.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        settings.dbPassword().ifPresent(secrets::add);
        // A driver or the pool may quote the URL in an error (HikariCP masks only "password=", not PWD= or SecretAccessKey=).
        secrets.addAll(new JdbcUrl(settings.jdbcUrl()).credentials());
        secrets.add(System.getenv("AWS_SECRET_ACCESS_KEY"));
        secrets.add(System.getenv("AWS_SESSION_TOKEN"));
        return secrets;
    }
}
