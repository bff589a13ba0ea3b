package io.s3redshiftloader.config;

/** A setting is missing or invalid; the message names the setting in one line. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
