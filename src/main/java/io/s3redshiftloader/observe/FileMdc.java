package io.s3redshiftloader.observe;

import io.s3redshiftloader.routes.ExchangeProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.MDC;

/**
 * The MDC keys every log line of a file's load carries: its load id and its key. Inside route steps Camel's MDC service
 * sets them from the exchange properties of the same names (camel.mdc.customProperties); code that logs outside a step
 * (the retry log, the progress log) sets them with this, and puts back what the thread had before.
 */
public final class FileMdc implements AutoCloseable {
    public static final String LOAD_ID = ExchangeProperties.LOAD_ID;
    public static final String OBJECT_KEY = ExchangeProperties.OBJECT_KEY;

    private final Map<String, String> previous = new HashMap<>();

    private FileMdc(String loadId, String key) {
        put(LOAD_ID, loadId);
        put(OBJECT_KEY, key);
    }

    public static FileMdc of(String loadId, String key) {
        return new FileMdc(loadId, key);
    }

    public static FileMdc of(Exchange exchange) {
        return new FileMdc(exchange.getProperty(LOAD_ID, String.class), exchange.getProperty(OBJECT_KEY, String.class));
    }

    private void put(String name, String value) {
        if (value != null) {
            previous.put(name, MDC.get(name));
            MDC.put(name, value);
        }
    }

    @Override
    public void close() {
        previous.forEach((name, value) -> {
            if (value == null) {
                MDC.remove(name);
            } else {
                MDC.put(name, value);
            }
        });
    }
}
