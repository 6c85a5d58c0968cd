package dev.multilora.client;

import java.util.concurrent.Semaphore;

/**
 * Caps requests in flight at the run's concurrency on any threading model (pool sizes mean nothing
 * under virtual threads); a phase has one worker per slot, so a worker that takes one never waits.
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

    /** Takes a slot if one is free now. */
    public boolean tryAcquire() {
        return slots.tryAcquire();
    }

    /** Blocks until a slot is free. */
    public void acquire() throws InterruptedException {
        slots.acquire();
    }

    public void release() {
        slots.release();
    }
}
