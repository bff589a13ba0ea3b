package io.s3redshiftloader.load;

import io.s3redshiftloader.notify.LoadOutcome;

/** Hears of each file as it settles, for whatever observes the loader (metrics); load itself knows no observer. */
public interface LoadListener {

    /** A file has its outcome: loaded, skipped or failed. */
    void settled(LoadOutcome outcome);
}
