package dev.multilora.client;

import java.util.concurrent.Semaphore;

/**
 * Caps requests in flight at the run's concurrency on any threading model (pool sizes mean nothing
 * under virtual threads). Fair, so requests leave in plan order.
 */
public final class InFlightSlots {
    private final Semaphore slots;
    private final int concurrency;

    public InFlightSlots(int concurrency) {
        this.slots = new Semaphore(concurrency, true);
        this.concurrency = concurrency;
    }

    /** Requests holding a slot now: sending, or waiting for their response. */
    public int inUse() {
        return concurrency - slots.availablePermits();
    }

    /** Blocks until a slot is free and returns how long that took, in nanoseconds. */
    public long acquire() throws InterruptedException {
        long start = System.nanoTime();
        slots.acquire();
        return System.nanoTime() - start;
    }

    public void release() {
        slots.release();
    }
}
