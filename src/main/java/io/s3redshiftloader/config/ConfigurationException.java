package io.s3redshiftloader.config;

import java.util.List;

/** A setting is missing or invalid; each problem names its setting in one line. */
public class ConfigurationException extends RuntimeException {
    private final List<String> problems;

    public ConfigurationException(String message) {
        this(List.of(message));
    }

    public ConfigurationException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per setting found wrong. */
    public List<String> problems() {
        return problems;
    }
}
