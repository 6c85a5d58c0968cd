package dev.multilora.sim.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * Lets wall-clock time follow the model clock: each step ends its cost after the previous one,
 * so short sleeps do not accumulate rounding errors. Zero-cost steps never sleep.
 */
final class StepPacer {

    private long deadlineNanos;

    /** Called when work arrives after an idle period, which the model clock does not count. */
    void restart() {
        deadlineNanos = System.nanoTime();
    }

    void await(double stepMs) {
        if (stepMs <= 0) {
            return;
        }
        deadlineNanos += (long) (stepMs * 1_000_000);
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, remaining);
        }
    }
}
