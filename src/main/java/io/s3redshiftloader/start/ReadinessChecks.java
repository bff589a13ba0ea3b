package io.s3redshiftloader.start;

import io.s3redshiftloader.load.ErrorSentences;
import io.s3redshiftloader.load.Intake;
import io.s3redshiftloader.observe.BucketReadiness;
import io.s3redshiftloader.observe.IntakeReadiness;
import io.s3redshiftloader.observe.WarehouseReadiness;
import io.s3redshiftloader.s3.IncomingObjects;
import java.time.Duration;
import java.util.function.BiConsumer;
import javax.sql.DataSource;

/**
 * The readiness health checks: ready once the warehouse and the bucket answer and the intake is open. Camel's health
 * endpoint finds them in the registry; the two that probe a dependency do so in the background, and only when the
 * HTTP server is on, as only then can someone ask.
 */
public final class ReadinessChecks implements AutoCloseable {
    /** A dependency is probed this long after its last probe ended. */
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final WarehouseReadiness warehouse;
    private final BucketReadiness bucket;
    private final IntakeReadiness intake;

    public ReadinessChecks(DataSource dataSource, IncomingObjects incoming, Intake intake, ErrorSentences errors) {
        this.warehouse = new WarehouseReadiness(dataSource, INTERVAL, errors);
        this.bucket = new BucketReadiness(incoming, INTERVAL, errors);
        this.intake = new IntakeReadiness(intake);
    }

    /** Binds the checks by name, through {@code registry} (Camel Main's bind). */
    public void bind(BiConsumer<String, Object> registry) {
        registry.accept("warehouseReadiness", warehouse);
        registry.accept("intakeReadiness", intake);
        registry.accept("bucketReadiness", bucket);
    }

    public void startProbes() {
        warehouse.start();
        bucket.start();
    }

    @Override
    public void close() {
        warehouse.close();
        bucket.close();
    }
}
