package io.s3redshiftloader.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * One setting, declared once in {@link SettingsCatalogue}: the environment variable (also its key in
 * config/application.properties), what it holds, its default and what it is for. A setting the routes read as
 * {@code {{loader.x}}} names that property and how its value is written from the checked settings.
 *
 * @param name the environment variable, e.g. {@code AWS_BUCKET_NAME}
 * @param group where the setting is listed in the properties file and the docs
 * @param type what the value must be
 * @param range the smallest and largest value of a whole number
 * @param defaultValue the value when unset; empty when the setting has none
 * @param required whether the loader refuses to start without it
 * @param description one line for users
 * @param environmentOnly read from the environment only (it cannot sit in the file it names, for instance)
 * @param property the Camel property the routes read, if any
 * @param propertyValue the property's value, written from the checked settings
 */
public record Setting(String name, Group group, Type type, Optional<Range> range, Optional<String> defaultValue, boolean required, String description,
        boolean environmentOnly, Optional<String> property, Function<LoaderSettings, String> propertyValue) {

    /** What a value must be; a whole number also has a range. */
    public enum Type {
        TEXT("text"), PREFIX("S3 key prefix"), BOOLEAN("true/false"), NUMBER("whole number"), URL("URL"), ARN("ARN"), LIST("comma-separated list");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The groups, in the order the properties file and the docs list them, each with the line that introduces it. */
    public enum Group {
        SOURCE("Source: S3", "Where files are found, and where each goes once it is handled."),
        NOTIFICATIONS("Notifications: SNS", "One message per file, with its outcome."),
        TARGET("Target: Redshift (or PostgreSQL standing in for it)", "The table loaded and how the loader connects to it."),
        BAD_DATA("Bad data", "How much bad input a file may hold before the whole file fails."),
        THROUGHPUT("Throughput", "Each file's rows go into the table in one transaction; these size the work around it."),
        REDSHIFT_COPY("Redshift COPY from S3", "Unset: rows go in as multi-row INSERTs, about 1,000 rows a second."),
        FAULTS("Faults", "A database or AWS fault is retried; bad input is not."),
        RUNNING("Running", "How the loader runs and which route files it reads."),
        OPERATING("Operating", "Health, metrics, logs and stopping."),
        AWS("AWS SDK", "The SDK's own variables; credentials come only from the SDK's default provider chain.");

        private final String title;
        private final String introduction;

        Group(String title, String introduction) {
            this.title = title;
            this.introduction = introduction;
        }

        public String title() {
            return title;
        }

        public String introduction() {
            return introduction;
        }
    }

    /** The smallest and largest value a whole-number setting takes. */
    public record Range(long min, long max) {
    }

    /** An optional setting; {@code defaultValue} null when it has none. */
    static Setting of(String name, Group group, Type type, String defaultValue, String description) {
        return new Setting(name, group, type, Optional.empty(), Optional.ofNullable(defaultValue), false, description, false,
                Optional.empty(), settings -> "");
    }

    static Setting required(String name, Group group, Type type, String description) {
        return new Setting(name, group, type, Optional.empty(), Optional.empty(), true, description, false, Optional.empty(), settings -> "");
    }

    static Setting number(String name, Group group, long defaultValue, long min, long max, String description) {
        return new Setting(name, group, Type.NUMBER, Optional.of(new Range(min, max)), Optional.of(Long.toString(defaultValue)), false,
                description, false, Optional.empty(), settings -> "");
    }


    /** The same setting, read by the routes as {@code {{property}}}. */
    Setting routes(String property, Function<LoaderSettings, String> value) {
        return new Setting(name, group, type, range, defaultValue, required, description, environmentOnly, Optional.of(property), value);
    }

    /** The same setting, read from the environment only. */
    Setting readFromEnvironmentOnly() {
        return new Setting(name, group, type, range, defaultValue, required, description, true, property, propertyValue);
    }
}
