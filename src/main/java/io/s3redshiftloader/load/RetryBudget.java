package io.s3redshiftloader.load;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeExtension;

/**
 * Gives a file whose outcome is settled a fresh retry budget for what follows (reports, move, notification). Camel
 * keeps a file's earlier redeliveries on the exchange: the attempt counter in a header, from which a later error
 * handler goes on counting (a file loaded at its third attempt would get two tries, not four, at the next step), and
 * after a failure the marks "exhausted" and "handled", with which the later error handlers make no retry and let the
 * first failure escape. Camel's dead-letter channel, which does start the dead-lettered steps afresh, does not fit the
 * load: a fault raised inside the load's parallel split reaches it already marked exhausted, and it lets the fault
 * escape instead of dead-lettering the file.
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
