package io.s3redshiftloader.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Checked settings for a test: the required ones (a PostgreSQL stand-in on this machine), and any given over them. */
public final class TestSettings {
    private TestSettings() {
    }

    /** @param settingsAndValues variable names and values, alternating, e.g. {@code "LOADER_RUN_ONCE", "true"} */
    public static LoaderSettings of(String... settingsAndValues) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "AWS_BUCKET_NAME", "data-bucket",
                "ARN_SNS_URL_IN_AWS", "arn:aws:sns:us-east-1:123456789012:loads",
                "REDSHIFT_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/dev"));
        for (int i = 0; i < settingsAndValues.length; i += 2) {
            environment.put(settingsAndValues[i], settingsAndValues[i + 1]);
        }
        return LoaderSettings.load(new SettingsSource(environment, new Properties()));
    }
}
