package io.s3redshiftloader;

import io.s3redshiftloader.config.ConfigurationException;
import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.config.SettingsSource;

/** {@code java -jar s3-redshift-loader.jar}: exit 0 success, 1 a file failed (run-once) or the loader crashed, 2 bad configuration. */
public final class LoaderMain {
    private LoaderMain() {
    }

    public static void main(String[] args) {
        System.exit(run(SettingsSource.fromProcess()));
    }

    static int run(SettingsSource source) {
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
        // Errors from here on may quote the JDBC URL or a driver message: masked, as every other text the loader emits.
        try {
            return application.run();
        } catch (Exception e) {
            // Camel wraps what a route or listener throws while starting.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConfigurationException configuration) {
                    configuration.problems().forEach(problem -> System.err.println("Configuration error: " + application.mask(problem)));
                    return 2;
                }
            }
            System.err.println("The loader stopped: " + application.mask(e.getMessage()));
            return 1;
        }
    }
}
