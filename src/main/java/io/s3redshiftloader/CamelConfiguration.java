package io.s3redshiftloader;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.csv.RowParser;
import io.s3redshiftloader.csv.ValueParser;
import io.s3redshiftloader.load.ChunkParser;
import io.s3redshiftloader.load.ChunkSource;
import io.s3redshiftloader.load.ChunkWriter;
import io.s3redshiftloader.load.ErrorSentences;
import io.s3redshiftloader.load.Intake;
import io.s3redshiftloader.load.LoadSession;
import io.s3redshiftloader.load.LoadsInFlight;
import io.s3redshiftloader.load.Outcomes;
import io.s3redshiftloader.load.QueueDelivery;
import io.s3redshiftloader.load.RetryBudget;
import io.s3redshiftloader.load.RowFilter;
import io.s3redshiftloader.load.RunOnce;
import io.s3redshiftloader.load.SettledObjectMove;
import io.s3redshiftloader.notify.NotificationMessage;
import io.s3redshiftloader.observe.LoadMetrics;
import io.s3redshiftloader.observe.RetryLog;
import io.s3redshiftloader.routes.RouteBeans;
import io.s3redshiftloader.s3.BucketRegion;
import io.s3redshiftloader.s3.IncomingObjects;
import io.s3redshiftloader.s3.ObjectKeys;
import io.s3redshiftloader.s3.ObjectMove;
import io.s3redshiftloader.s3.ResumableBodies;
import io.s3redshiftloader.schema.TableSchema;
import io.s3redshiftloader.start.Secrets;
import io.s3redshiftloader.start.WorkerPools;
import io.s3redshiftloader.warehouse.Dialect;
import io.s3redshiftloader.warehouse.LoadLedger;
import io.s3redshiftloader.warehouse.S3Copy;
import io.s3redshiftloader.warehouse.S3Staging;
import io.s3redshiftloader.warehouse.TableLoads;
import io.s3redshiftloader.warehouse.WarehouseSchema;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The beans the YAML routes call, bound under the names the routes use. Built from the checked settings and what lies
 * outside the loader (the AWS clients, the warehouse, the intake gate and how to stop Camel), so a route test can bind
 * the same beans with fakes in those places.
 */
public final class CamelConfiguration implements org.apache.camel.CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(CamelConfiguration.class);

    private final LoaderSettings settings;
    private final S3Client s3;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final DataSource warehouse;
    private final Intake intake;
    private final ErrorSentences errors;
    private final Dialect dialect;
    private final WarehouseSchema warehouseSchema;
    private final AtomicReference<TableSchema> schema = new AtomicReference<>();
    private final TableLoads loads;
    private final LoadLedger ledger;
    private final WorkerPools pools;
    private final LoadsInFlight inFlight = new LoadsInFlight();
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LoadMetrics metrics;
    private final Outcomes outcomes;
    private final RunOnce runOnce;
    private final IncomingObjects incoming;

    /** @param stop ends Camel's run: in run-once mode, once every waiting file is handled */
    public CamelConfiguration(LoaderSettings settings, S3Client s3, SnsClient sns, SqsClient sqs, DataSource warehouse, Intake intake,
            Runnable stop) {
        this(settings, s3, sns, sqs, warehouse, intake, stop, S3Copy.REDSHIFT);
    }

    /** @param s3Copy runs Redshift's COPY from S3 (with REDSHIFT_COPY_IAM_ROLE); a test puts a stand-in in its place */
    public CamelConfiguration(LoaderSettings settings, S3Client s3, SnsClient sns, SqsClient sqs, DataSource warehouse, Intake intake,
            Runnable stop, S3Copy s3Copy) {
        this.settings = settings;
        this.s3 = s3;
        this.sns = sns;
        this.sqs = sqs;
        this.warehouse = warehouse;
        this.intake = intake;
        this.errors = new ErrorSentences(Secrets.of(settings));
        this.dialect = Dialect.forJdbcUrl(settings.jdbcUrl(), settings.batchRows(), s3Staging(s3Copy));
        this.warehouseSchema = new WarehouseSchema(warehouse, dialect, settings.table());
        this.ledger = new LoadLedger(warehouse, dialect, settings.table());
        this.loads = new TableLoads(warehouse, dialect, ledger, settings.table());
        this.pools = new WorkerPools(settings.concurrentFiles(), settings.writerThreads());
        this.metrics = new LoadMetrics(meters, inFlight);
        this.outcomes = new Outcomes(settings.bucket(), settings.table().qualified(),
                new ObjectKeys(settings.processedPrefix(), settings.failedPrefix(), settings.rejectedPrefix()), errors, metrics);
        this.runOnce = new RunOnce(settings.runOnce(), outcomes, errors, stop);
        this.incoming = new IncomingObjects(s3, settings.bucket(), settings.prefix());
    }

    @Override
    public void configure(CamelContext camelContext) {
        dialect.loadWarning().ifPresent(LOG::warn);
    }

    /** Creates the target table and the ledger if asked to, and reads the target's columns, which each file is parsed against. */
    public TableSchema prepareWarehouse() throws SQLException {
        TableSchema prepared = warehouseSchema.prepare(settings.tableAutoCreate(), settings.tableDdl());
        schema.set(prepared);
        return prepared;
    }

    /** Sentences for faults, with the secrets masked. */
    public ErrorSentences errors() {
        return errors;
    }

    /** The files loading now. */
    public LoadsInFlight inFlight() {
        return inFlight;
    }

    /** Stops Camel once every waiting file is handled (LOADER_RUN_ONCE), and gives the exit code. */
    @BindToRegistry(RouteBeans.RUN_ONCE)
    public RunOnce runOnce() {
        return runOnce;
    }

    /** To be shut down once Camel has stopped. */
    public WorkerPools pools() {
        return pools;
    }

    /**
     * The loads' metrics. Camel's Prometheus endpoint looks its registry up before configuration classes are bound, so
     * the application binds this one itself, as {@link MicrometerConstants#METRICS_REGISTRY_NAME}.
     */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    @BindToRegistry("s3Client")
    public S3Client s3Client() {
        return s3;
    }

    @BindToRegistry("snsClient")
    public SnsClient snsClient() {
        return sns;
    }

    @BindToRegistry("sqsClient")
    public SqsClient sqsClient() {
        return sqs;
    }

    @BindToRegistry("warehouse")
    public DataSource warehouse() {
        return warehouse;
    }

    @BindToRegistry(RouteBeans.INTAKE)
    public Intake intake() {
        return intake;
    }

    @BindToRegistry(RouteBeans.INCOMING_OBJECTS)
    public IncomingObjects incomingObjects() {
        return incoming;
    }

    @BindToRegistry(RouteBeans.OBJECT_MOVE)
    public SettledObjectMove objectMove() {
        return new SettledObjectMove(new ObjectMove(s3, settings.bucket(), settings.multipartCopyThreshold()));
    }

    @BindToRegistry(RouteBeans.QUEUE_DELIVERY)
    public QueueDelivery queueDelivery() {
        return new QueueDelivery(settings.queueMode(), settings.bucket(), settings.prefix(), incoming, errors, intake);
    }

    @BindToRegistry(RouteBeans.RESUMABLE_BODIES)
    public ResumableBodies resumableBodies() {
        return new ResumableBodies(s3, settings.bucket(), settings.retryAttempts(), settings.retryDelay());
    }

    @BindToRegistry(RouteBeans.LOAD_SESSION)
    public LoadSession loadSession() {
        return new LoadSession(ledger, loads, settings.bucket(), settings.maxRejectedRows(), inFlight);
    }

    @BindToRegistry(RouteBeans.CSV_CHUNKS)
    public ChunkSource csvChunks() {
        return new ChunkSource(schema::get, settings.chunkRows());
    }

    @BindToRegistry(RouteBeans.CHUNK_PARSER)
    public ChunkParser chunkParser() {
        return new ChunkParser(new RowParser(new ValueParser(dialect)));
    }

    @BindToRegistry(RouteBeans.ROW_FILTER)
    public RowFilter rowFilter() {
        return new RowFilter();
    }

    @BindToRegistry(RouteBeans.CHUNK_WRITER)
    public ChunkWriter chunkWriter() {
        return new ChunkWriter(loads);
    }

    @BindToRegistry(RouteBeans.CHUNK_WRITERS)
    public ExecutorService chunkWriters() {
        return pools.chunkWriters();
    }

    @BindToRegistry(RouteBeans.FILE_LOADERS)
    public ExecutorService fileLoaders() {
        return pools.fileLoaders();
    }

    @BindToRegistry(RouteBeans.OUTCOMES)
    public Outcomes outcomes() {
        return outcomes;
    }

    @BindToRegistry(RouteBeans.NOTIFICATION_MESSAGE)
    public NotificationMessage notificationMessage() {
        return new NotificationMessage();
    }

    @BindToRegistry(RouteBeans.RETRY_LOG)
    public RetryLog retryLog() {
        return new RetryLog(errors, metrics);
    }

    @BindToRegistry(RouteBeans.RETRY_BUDGET)
    public RetryBudget retryBudget() {
        return new RetryBudget();
    }

    /** Redshift's COPY from S3 when REDSHIFT_COPY_IAM_ROLE is set, run by {@code s3Copy}. */
    private Optional<S3Staging> s3Staging(S3Copy s3Copy) {
        return settings.s3Copy().map(copy -> new S3Staging(s3, settings.bucket(), copy.stagingPrefix(), copy.iamRole(),
                copy.region().<Supplier<String>>map(region -> () -> region).orElseGet(() -> new BucketRegion(s3, settings.bucket())),
                copy.parts(), copy.partBytes(), Path.of(System.getProperty("java.io.tmpdir")), s3Copy));
    }
}
