package io.s3redshiftloader.start;

import io.s3redshiftloader.config.ConfigurationException;
import io.s3redshiftloader.s3.RegionNotFoundException;
import io.s3redshiftloader.warehouse.TableSetupException;
import java.util.List;

/**
 * Which failures are the user's settings, wherever they were found: the settings themselves, the table they name, the
 * AWS region. Each problem is one line naming its setting; the loader reports them as configuration errors and exits 2.
 */
public final class SettingProblems {
    private SettingProblems() {
    }

    /** The problems of the first failure in the cause chain that a setting causes; empty when none is. */
    public static List<String> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationException configuration) {
                return configuration.problems();
            }
            if (cause instanceof TableSetupException || cause instanceof RegionNotFoundException) {
                return List.of(cause.getMessage());
            }
        }
        return List.of();
    }
}
