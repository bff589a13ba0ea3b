package io.s3redshiftloader.load;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says what is retried and why: one WARN line per retry, naming the file, the step and the fault, so an operator sees
 * a flaky database or endpoint before it fails a file. Runs as the routes' on-redelivery processor.
 */
public final class RetryLog implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(RetryLog.class);

    private final ErrorSentences errors;

    public RetryLog(ErrorSentences errors) {
        this.errors = errors;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable fault = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String step = exchange.getExchangeExtension().getHistoryNodeLabel();
        LOG.warn("{}: {} failed ({}); retry {} of {}",
                exchange.getProperty(Outcomes.KEY_PROPERTY, String.class),
                step == null ? "a step" : step,
                fault == null ? "no detail given" : errors.mask(errors.reason(fault)),
                exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class),
                exchange.getMessage().getHeader(Exchange.REDELIVERY_MAX_COUNTER, Integer.class));
    }
}
