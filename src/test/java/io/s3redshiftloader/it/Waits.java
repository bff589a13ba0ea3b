package io.s3redshiftloader.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a state another process reaches, with a deadline and a message saying what never happened. */
final class Waits {
    private Waits() {
    }

    static void until(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + timeout.toSeconds() + " s for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
