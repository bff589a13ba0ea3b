package io.s3redshiftloader.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The shape of routes/load-file.yaml and routes/settle.yaml in small: a load retried by its own error handler, then a
 * best-effort step (three retries, then go on) that always fails. Whether the load succeeded late or failed for good,
 * that step gets all its tries only with a renewed budget.
 */
class RetryBudgetTest {
    private static final int LOAD_RETRIES = 2;
    private static final int STEP_TRIES = 4;

    @Test
    void aFileLoadedAfterRetriesGetsEveryTryAtTheNextStep() throws Exception {
        assertEquals(STEP_TRIES, triesAtTheNextStep(LOAD_RETRIES, true));
    }

    @Test
    void aFileThatFailedAfterRetriesGetsEveryTryAtTheNextStepAndNothingEscapes() throws Exception {
        assertEquals(STEP_TRIES, triesAtTheNextStep(Integer.MAX_VALUE, true));
    }

    @Test
    void withoutARenewedBudgetTheNextStepGetsFewerTries() throws Exception {
        assertEquals(STEP_TRIES - LOAD_RETRIES, triesAtTheNextStep(LOAD_RETRIES, false));
        assertEquals(1, triesAtTheNextStep(Integer.MAX_VALUE, false));
    }

    /** Runs one file whose load fails {@code loadFailures} times; returns how often the step after it was tried. */
    private static int triesAtTheNextStep(int loadFailures, boolean renew) throws Exception {
        AtomicInteger loads = new AtomicInteger();
        AtomicInteger tries = new AtomicInteger();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:load-one-file").doTry().to("direct:load-file-with-retries").to("direct:settle")
                            .doCatch(Exception.class).to("direct:settle").end();
                    from("direct:load-file-with-retries").errorHandler(defaultErrorHandler().maximumRedeliveries(LOAD_RETRIES).redeliveryDelay(0))
                            .to("direct:load-file");
                    from("direct:load-file").errorHandler(noErrorHandler()).process(exchange -> {
                        if (loads.incrementAndGet() <= loadFailures) {
                            throw new IllegalStateException("database away");
                        }
                    });
                    from("direct:settle").process(exchange -> {
                        if (renew) {
                            new RetryBudget().renew(exchange);
                        }
                    }).to("direct:notify");
                    from("direct:notify").onException(Exception.class).continued(true).maximumRedeliveries(STEP_TRIES - 1).redeliveryDelay(0).end()
                            .process(exchange -> {
                                tries.incrementAndGet();
                                throw new IllegalStateException("SNS away");
                            });
                }
            });
            context.start();
            Exchange result = context.createProducerTemplate().send("direct:load-one-file", exchange -> exchange.getMessage().setBody("incoming/a.csv"));
            if (renew) {
                assertNull(result.getException(), "the step's failure is logged and passed over, not thrown");
            }
            return tries.get();
        }
    }
}
