package io.s3redshiftloader.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.s3redshiftloader.load.ErrorSentences;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class CachedReadinessCheckTest {
    /** Only a hang guard: a check that waited for its probe would never return while the probe hangs. */
    private static final Duration HANG = Duration.ofSeconds(60);

    /** A dependency whose probe hangs until released, then answers or fails as told. */
    private static final class Dependency extends CachedReadinessCheck {
        final CountDownLatch released = new CountDownLatch(1);
        final AtomicBoolean up = new AtomicBoolean(true);

        Dependency() {
            super("dependency", Duration.ofMillis(10), new ErrorSentences(List.of("s3cr3t-value")));
            setCamelContext(new DefaultCamelContext());
        }

        @Override
        protected void probe() throws Exception {
            released.await();
            if (!up.get()) {
                throw new IllegalStateException("refused with s3cr3t-value");
            }
        }
    }

    @Test
    void answersFromTheLastProbeWhileTheNextOneHangs() throws Exception {
        try (Dependency dependency = new Dependency()) {
            dependency.start();
            // The first probe hangs: the check answers at once that nothing answered yet.
            HealthCheck.Result waiting = assertTimeoutPreemptively(HANG, () -> dependency.call(Map.of()));
            assertEquals(HealthCheck.State.DOWN, waiting.getState());
            assertEquals(CachedReadinessCheck.NOT_PROBED_YET, waiting.getMessage().orElse(""));

            dependency.released.countDown();
            await(dependency, HealthCheck.State.UP);
            dependency.up.set(false);
            HealthCheck.Result down = await(dependency, HealthCheck.State.DOWN);
            assertEquals("IllegalStateException: refused with ***", down.getMessage().orElse(""));
        }
    }

    /** Polls the check until it reports the state: probes run on their own thread, at their own pace. */
    private static HealthCheck.Result await(CachedReadinessCheck check, HealthCheck.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HealthCheck.Result result = check.call(Map.of());
        while (result.getState() != state && System.nanoTime() < deadline) {
            Thread.sleep(10);
            result = check.call(Map.of());
        }
        assertEquals(state, result.getState());
        return result;
    }
}
