package dev.multilora.run;

import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Keeps requests in plan order on the wire, not only in the order they are taken: a request's worker
 * writes its body only once the request before it is on the wire, then passes the turn on.
 * Without it, a request whose worker thread is slow to start (a new thread, a cold JVM) is overtaken
 * by the next one, and requests released together (a closed loop's first `concurrency` ones) reach
 * the server shuffled, as vLLM's single-threaded client never sends them. The order is kept where
 * the bytes are written, not where requests are taken: a worker takes the next request at once,
 * builds it and takes its connection, and only the write waits. Letting the next request be taken
 * only once the one before it had departed made a burst of freed slots refill one thread handoff
 * at a time: tens of milliseconds for the last of 32 on two cores.
 */
final class SendTurn {
    private static final CompletableFuture<Void> NONE_BEFORE = CompletableFuture.completedFuture(null);

    private final CompletableFuture<Void> previous;
    private final CompletableFuture<Void> departed = new CompletableFuture<>();
    /** The first burst holding this request back, or null. */
    private final FirstBurst burst;
    private volatile long waitedNanos;
    private boolean readyTold;

    private SendTurn(CompletableFuture<Void> previous, FirstBurst burst) {
        this.previous = previous;
        this.burst = burst;
    }

    /** The turn of the first request: nothing goes before it. */
    static SendTurn first() {
        return new SendTurn(NONE_BEFORE, null);
    }

    /** The turn of the first request of a burst: it goes once the burst is released. */
    static SendTurn first(FirstBurst burst) {
        return burst.join() ? new SendTurn(burst.released(), burst) : first();
    }

    /** The turn of the request after this one; held with the burst, if it joins it. */
    SendTurn next(FirstBurst gathering) {
        return new SendTurn(departed, gathering != null && gathering.join() ? gathering : null);
    }

    /** The turn of the request after this one. */
    SendTurn next() {
        return next(null);
    }

    /**
     * Waits until the request before this one is on the wire (or ended without getting there).
     *
     * @param builtNanos when the request was built, which a first burst's clock accounts for
     */
    void await(long builtNanos) throws InterruptedIOException {
        tellReady(builtNanos);
        await();
    }

    /** Waits until the request before this one is on the wire (or ended without getting there). */
    void await() throws InterruptedIOException {
        long from = System.nanoTime();
        try {
            previous.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the previous request to be sent");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a send turn never fails", e);
        }
        waitedNanos = System.nanoTime() - from;
    }

    private synchronized void tellReady(long builtNanos) {
        if (burst != null && !readyTold) {
            readyTold = true;
            burst.ready(builtNanos);
        }
    }

    /** How long {@link #await} held this request back; 0 before that. */
    long waitedNanos() {
        return waitedNanos;
    }

    /** This request is on the wire: the next one may write. */
    void departed() {
        departed.complete(null);
    }

    /**
     * This request ended, on the wire or not: a request that failed before it could write passes its
     * turn only once the one before it has gone, so the rest still follow in order. Idempotent.
     */
    void ended() {
        tellReady(System.nanoTime());
        if (!departed.isDone()) {
            previous.thenRun(() -> departed.complete(null));
        }
    }
}
