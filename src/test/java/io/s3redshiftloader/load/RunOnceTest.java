package io.s3redshiftloader.load;

import io.s3redshiftloader.observe.LoadMetrics;
import io.s3redshiftloader.routes.ExchangeProperties;
import io.s3redshiftloader.s3.ObjectKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Run-once mode: each waiting file gets one attempt, the process stops once a poll finds nothing new, and the exit code
 * is 1 when any file failed or the prefix could not be listed, else 0.
 */
class RunOnceTest {
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final Outcomes outcomes = new Outcomes("bucket", "public.transactions", new ObjectKeys("processed/", "failed/", "rejected/"),
            new ErrorSentences(List.of()), new LoadMetrics(new SimpleMeterRegistry(), new LoadsInFlight()));
    private final AtomicInteger stops = new AtomicInteger();
    private final RunOnce runOnce = new RunOnce(true, outcomes, new ErrorSentences(List.of()), stops::incrementAndGet);

    @AfterEach
    void closeCamel() throws Exception {
        camel.close();
    }

    @Test
    void eachWaitingFileGetsOneAttemptAndTheProcessStopsOnceNothingNewWaits() {
        assertEquals(List.of("incoming/a.csv", "incoming/b.csv"), runOnce.toLoad(List.of("incoming/a.csv", "incoming/b.csv")));
        assertEquals(List.of("incoming/c.csv"), runOnce.toLoad(List.of("incoming/b.csv", "incoming/c.csv")),
                "b is still there (its move failed): not tried again; c arrived meanwhile");
        assertEquals(0, stops.get());

        assertEquals(List.of(), runOnce.toLoad(List.of("incoming/b.csv")));
        assertEquals(1, stops.get());
    }

    @Test
    void anEmptyPrefixStopsAtOnce() {
        assertEquals(List.of(), runOnce.toLoad(List.of()));
        assertEquals(1, stops.get());
        assertEquals(0, runOnce.exitCode());
    }

    @Test
    void withoutRunOnceEveryPollPassesAllFilesAndNothingStops() {
        RunOnce always = new RunOnce(false, outcomes, new ErrorSentences(List.of()), stops::incrementAndGet);

        assertEquals(List.of("incoming/a.csv"), always.toLoad(List.of("incoming/a.csv")));
        assertEquals(List.of("incoming/a.csv"), always.toLoad(List.of("incoming/a.csv")));
        assertEquals(List.of(), always.toLoad(List.of()));
        assertEquals(0, stops.get());
    }

    @Test
    void theExitCodeIsZeroWhenEveryFileSucceededOrWasSkipped() {
        outcomes.finished(settled(false));
        outcomes.finished(settled(true));

        assertEquals(0, runOnce.exitCode());
    }

    @Test
    void theExitCodeIsOneWhenAnyFileFailed() {
        outcomes.finished(settled(false));
        Exchange failed = settled(false);
        failed.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("boom"));
        outcomes.failed(failed);

        assertEquals(1, runOnce.exitCode());
    }

    @Test
    void aPrefixThatCouldNotBeListedLoadsNothingAndMakesTheExitCodeOne() {
        Exchange listing = new DefaultExchange(camel);
        listing.setProperty(Exchange.EXCEPTION_CAUGHT, SdkClientException.create("Unable to execute HTTP request"));

        assertEquals(List.of(), runOnce.listingFailed(listing));
        assertEquals(1, runOnce.exitCode());
    }

    /** A file that got through its commit; loaded before when {@code skipped}. */
    private Exchange settled(boolean skipped) {
        LoadContext load = new LoadContext("bucket", "incoming/a.csv", "etag-1", 0);
        if (skipped) {
            load.alreadyLoadedBy("earlier-load");
        }
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(ExchangeProperties.LOAD_CONTEXT, load);
        return exchange;
    }
}
