package io.s3redshiftloader.load;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeExtension;

/**
 * Gives a file whose outcome is settled a fresh retry budget for what follows (reports, move, notification). Camel
 * keeps a file's earlier redeliveries on the exchange: the attempt counter in a header, and after a failure the marks
 * "exhausted" and "handled", with which later error handlers would skip retries or let a failure escape.
 */
public final class RetryBudget {

    public void renew(Exchange exchange) {
        exchange.getMessage().removeHeader(Exchange.REDELIVERED);
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_COUNTER);
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_MAX_COUNTER);
        ExchangeExtension extension = exchange.getExchangeExtension();
        extension.setRedeliveryExhausted(false);
        extension.setFailureHandled(false);
        extension.setErrorHandlerHandled(null);
    }
}
