package dev.multilora.observe;

import dev.multilora.metrics.RequestOutcome;
import dev.multilora.metrics.RequestRecord;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How far a run's request phase has got. Counting is at most two atomic increments per request, so the
 * request path never waits for whoever reads the progress.
 */
public final class RunProgress {
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger notSent = new AtomicInteger();
    private volatile int total;
    private volatile long startNanos;

    /** @param total every request and invalid line the phase will account for */
    public void begin(int total) {
        this.total = total;
        this.startNanos = System.nanoTime();
    }

    public void finished(RequestRecord record) {
        if (record.outcome() == RequestOutcome.NOT_SENT) {
            notSent.incrementAndGet();
        } else if (!record.succeeded()) {
            failed.incrementAndGet();
        }
        done.incrementAndGet();
    }

    public ProgressSnapshot snapshot() {
        return new ProgressSnapshot(done.get(), total, failed.get(), notSent.get(), (System.nanoTime() - startNanos) / 1e9);
    }
}
