package io.s3redshiftloader.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Suspendable;
import org.apache.camel.SuspendableService;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The intake as Camel runs it: a timer route (like the poll) takes nothing until opened, and nothing once closed. */
class IntakeTest {
    @Test
    void theTimerRouteIsHeldUntilOpenedAndAgainOnceClosedWhileDirectRoutesRun() throws Exception {
        Intake intake = new Intake();
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger direct = new AtomicInteger();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutePolicyFactory(intake);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:poll?delay=0&period=20").routeId("poll").process(exchange -> polls.incrementAndGet());
                    from("direct:work").routeId("work").process(exchange -> direct.incrementAndGet());
                }
            });
            context.start();

            assertTrue(suspended(context, "poll"), "held while starting");
            assertFalse(suspended(context, "work"));
            context.createProducerTemplate().sendBody("direct:work", "x");
            assertEquals(1, direct.get());
            // Long enough for a free-running timer to fire many times: it must not have fired once.
            Thread.sleep(300);
            assertEquals(0, polls.get());

            intake.open();
            await(() -> polls.get() > 0);

            intake.close();
            assertTrue(suspended(context, "poll"), "held once stopping");
            assertEquals(Intake.State.STOPPING, intake.state());
        }
    }

    private static boolean suspended(DefaultCamelContext context, String routeId) {
        Object consumer = context.getRoute(routeId).getConsumer();
        return consumer instanceof Suspendable && ((SuspendableService) consumer).isSuspended();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited 60 s");
            Thread.sleep(20);
        }
    }
}
