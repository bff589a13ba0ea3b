package io.s3redshiftloader;

import io.s3redshiftloader.config.ConfigurationException;
import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.config.SettingsSource;
import io.s3redshiftloader.start.SettingProblems;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * {@code java -jar s3-redshift-loader.jar}: exit 0 success, 1 a file failed (run-once) or the loader crashed, 2 bad
 * configuration, 3 stopped by a signal before the files in flight finished (they were rolled back and stay to be loaded
 * again).
 */
public final class LoaderMain {
    private LoaderMain() {
    }

    public static void main(String[] args) {
        System.exit(run(SettingsSource.fromProcess(), LoaderMain::stopOnSignals));
    }

    /**
     * SIGTERM and SIGINT stop the loader gracefully, and the log names the signal received. The JVM's default would run
     * shutdown hooks and exit 128+n, whatever the loader still does.
     */
    private static void stopOnSignals(LoaderApplication application) {
        for (String signal : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(signal), received -> application.stop("SIG" + received.getName()));
            } catch (IllegalArgumentException unavailable) {
                // The JVM keeps this signal for itself (e.g. run with -Xrs): it then stops the JVM as before.
            }
        }
    }

    /** Runs the loader with these settings and returns its exit code; {@code created} sees the application before it runs. */
    static int run(SettingsSource source, Consumer<LoaderApplication> created) {
        LoaderApplication application;
        try {
            LoaderSettings settings = LoaderSettings.load(source);
            // logback.xml picks its appender by this name when the first line is logged, which has not happened yet.
            System.setProperty("LOADER_LOG_FORMAT", settings.logFormat().name().toLowerCase(java.util.Locale.ROOT));
            application = new LoaderApplication(settings, source.camelProperties());
        } catch (ConfigurationException e) {
            e.problems().forEach(problem -> System.err.println("Configuration error: " + problem));
            return 2;
        }
        created.accept(application);
        // Errors from here on may quote the JDBC URL or a driver message: masked, as every other text the loader emits.
        try {
            return application.run();
        } catch (Exception e) {
            // Camel wraps what a route or listener throws while starting.
            List<String> problems = SettingProblems.in(e);
            if (!problems.isEmpty()) {
                problems.forEach(problem -> System.err.println("Configuration error: " + application.mask(problem)));
                return 2;
            }
            System.err.println("The loader stopped: " + application.mask(e.getMessage()));
            return 1;
        }
    }
}
