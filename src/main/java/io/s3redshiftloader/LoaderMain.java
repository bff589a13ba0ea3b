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
        try {
            LoaderSettings settings = LoaderSettings.load(source);
            return new LoaderApplication(settings, source.camelProperties()).run();
        } catch (ConfigurationException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("The loader stopped: " + e.getMessage());
            return 1;
        }
    }
}
