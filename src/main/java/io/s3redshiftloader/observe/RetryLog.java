package io.s3redshiftloader.observe;

import io.s3redshiftloader.load.ErrorSentences;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ExchangeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says what is retried and why: one WARN line per retry, naming the step and the fault, so an operator sees a flaky
 * database or endpoint before it fails a file; one ERROR line when a step is given up on. Fault texts are masked like
 * every error sentence. The file's key and load id are in the line's MDC, set here because the error handler calls
 * this outside any route step.
 * Each retry is also counted in the metrics. Runs as the routes' on-redelivery processor.
 */
public final class RetryLog implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(RetryLog.class);

    private final ErrorSentences errors;
    private final LoadMetrics metrics;

    public RetryLog(ErrorSentences errors, LoadMetrics metrics) {
        this.errors = errors;
        this.metrics = metrics;
    }

    /** A step that still fails after its retries and is given up on (the file's outcome stands). */
    public void gaveUp(Exchange exchange) {
        Throwable fault = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        try (FileMdc mdc = FileMdc.of(exchange)) {
            LOG.error("{} failed after retries: {}", ExchangeHelper.getAtRouteId(exchange), fault == null ? "no detail given" : errors.mask(errors.reason(fault)));
        }
    }

    @Override
    public void process(Exchange exchange) {
        metrics.retried();
        Throwable fault = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String step = exchange.getExchangeExtension().getHistoryNodeLabel();
        try (FileMdc mdc = FileMdc.of(exchange)) {
            LOG.warn("{} failed ({}); retry {} of {}",
                    step == null ? "A step" : step,
                    fault == null ? "no detail given" : errors.mask(errors.reason(fault)),
                    exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class),
                    exchange.getMessage().getHeader(Exchange.REDELIVERY_MAX_COUNTER, Integer.class));
        }
    }
}
