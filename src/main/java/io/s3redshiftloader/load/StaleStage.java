package io.s3redshiftloader.load;

import io.s3redshiftloader.warehouse.LoadLedger;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what loads of a crashed loader left in the stage: the rows of every load that wrote no chunk for
 * LOADER_STALE_STAGE_AGE_MS. Loads in flight on this or another loader keep writing chunks, so their rows stay, and
 * several loaders can share one stage.
 */
public final class StaleStage {
    private static final Logger LOG = LoggerFactory.getLogger(StaleStage.class);

    private final LoadLedger ledger;
    private final Duration age;
    private final ErrorSentences errors;

    public StaleStage(LoadLedger ledger, Duration age, ErrorSentences errors) {
        this.ledger = ledger;
        this.age = age;
        this.errors = errors;
    }

    /** At start-up: a database that refuses fails the start, as the schema check before it would. */
    public void clearAtStart() throws SQLException {
        long removed = ledger.clearStaleStage(LocalDateTime.now(ZoneOffset.UTC).minus(age));
        if (removed > 0) {
            LOG.warn("Removed {} staged rows left by loads that never finished", removed);
        }
    }

    /** From the periodic route: a failure is logged and tried again next time. */
    public void clearWhileRunning() {
        try {
            clearAtStart();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not remove stale staged rows; trying again later: {}", errors.describe(e));
        }
    }
}
