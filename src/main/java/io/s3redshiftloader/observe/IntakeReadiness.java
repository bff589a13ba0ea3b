package io.s3redshiftloader.observe;

import io.s3redshiftloader.load.Intake;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Ready only while the loader takes files: not while it waits for S3 and the database at start, nor once it is stopping. */
public final class IntakeReadiness extends AbstractHealthCheck {
    private final Intake intake;

    public IntakeReadiness(Intake intake) {
        super("loader", "intake");
        this.intake = intake;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        switch (intake.state()) {
            case OPEN -> builder.up();
            case STARTING -> builder.message("starting: waiting for S3 and the database to answer").down();
            case STOPPING -> builder.message("stopping: taking no new files").down();
        }
    }
}
