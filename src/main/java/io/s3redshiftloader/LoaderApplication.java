package io.s3redshiftloader;

import com.zaxxer.hikari.HikariDataSource;
import io.s3redshiftloader.config.ConfigurationException;
import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.load.ErrorSentences;
import io.s3redshiftloader.load.Intake;
import io.s3redshiftloader.load.LoadsInFlight;
import io.s3redshiftloader.observe.JavaLogging;
import io.s3redshiftloader.observe.ProgressLog;
import io.s3redshiftloader.s3.AwsClients;
import io.s3redshiftloader.start.CamelMainSettings;
import io.s3redshiftloader.start.ReadinessChecks;
import io.s3redshiftloader.start.Secrets;
import io.s3redshiftloader.start.Startup;
import io.s3redshiftloader.warehouse.JdbcUrl;
import io.s3redshiftloader.warehouse.S3Copy;
import io.s3redshiftloader.warehouse.WarehouseDataSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Runs the loader: Camel Main with the routes under {@code routes/}, the beans of {@link CamelConfiguration}, health
 * and metrics over HTTP, until stopped (or, in run-once mode, until the prefix is drained). Files are found by listing
 * the prefix, or announced on an SQS queue (LOADER_SQS_QUEUE_URL).
 */
public final class LoaderApplication {
    /** Exit code when the loader was stopped before the files in flight finished: they were rolled back, left to load again. */
    public static final int EXIT_ABANDONED = 3;
    private static final Logger LOG = LoggerFactory.getLogger(LoaderApplication.class);

    private final LoaderSettings settings;
    private final Map<String, String> camelProperties;
    private final ErrorSentences errors;
    private final Main main = new Main();
    private final Intake intake = new Intake();
    private S3Copy s3Copy = S3Copy.REDSHIFT;
    private volatile Startup startup;

    public LoaderApplication(LoaderSettings settings, Map<String, String> camelProperties) {
        this.settings = settings;
        this.camelProperties = camelProperties;
        this.errors = new ErrorSentences(Secrets.of(settings));
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
        AwsClients aws = settings.awsClients();
        try (HikariDataSource dataSource = WarehouseDataSource.create(settings.warehouseConnection());
                S3Client s3 = aws.s3();
                SnsClient sns = aws.sns();
                SqsClient sqs = aws.sqs()) {
            CamelConfiguration beans = new CamelConfiguration(settings, s3, sns, sqs, dataSource, intake, main::completed, s3Copy);
            LoadsInFlight inFlight = beans.inFlight();
            startup = new Startup(settings, intake, beans.incomingObjects(), beans::prepareWarehouse, String.join(",", new JdbcUrl(settings.jdbcUrl()).addresses()),
                    beans.errors(), main::completed);
            boolean abandoned = false;
            try (ProgressLog progress = new ProgressLog(inFlight, settings.progressInterval());
                    ReadinessChecks readiness = new ReadinessChecks(dataSource, beans.incomingObjects(), intake, beans.errors())) {
                CamelMainSettings.apply(main, settings, camelProperties);
                main.configure().addConfiguration(beans);
                main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, beans.meters());
                readiness.bind(main::bind);
                if (settings.httpEnabled()) {
                    readiness.startProbes();
                }
                main.addMainListener(startup);
                if (settings.progressEnabled()) {
                    progress.start();
                }
                main.run();
                if (startup.failure().isPresent()) {
                    throw startup.failure().get();
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
                return beans.runOnce().exitCode();
            } finally {
                beans.pools().shutdown(abandoned);
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
        Startup starting = startup;
        if (starting != null) {
            starting.interrupt();
        }
        main.completed();
    }

    public void stop() {
        stop("asked to");
    }

    /** Whether S3 and the database have answered and files are taken. */
    public boolean takingFiles() {
        return intake.takesFiles();
    }

    /** Text with every known secret replaced by ***, for what is printed when the loader stops on an error. */
    public String mask(String text) {
        return errors.mask(String.valueOf(text));
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
}
