package dev.multilora.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * A closed loop's first `concurrency` requests, held at the wire until every one of them is built
 * and waiting to be written, then let go back to back, as vLLM's single-threaded client puts its
 * first batch on the wire. Released as they were built instead, they reach the server over tens
 * of milliseconds on a loaded machine, several of the server's scheduling steps: admissions
 * stagger, and with more adapters than LoRA slots the run takes another course than vLLM's
 * client gives it. The clock of the measured phase starts at the release (less the longest time
 * one of them took from being built to waiting), so holding them is never measured; a burst
 * released because one of them was too slow leaves the clock where it was.
 */
final class FirstBurst {
    /** A request that is slow to be built (a stalled thread) holds the others back no longer than this. */
    private static final long MAX_HOLD_MILLIS = 1000;

    private final int size;
    private final LongConsumer clockStart;
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private int joined;
    private int ready;
    private boolean complete;
    private long longestBuildNanos;

    /**
     * @param size       the requests it holds: one per worker
     * @param clockStart told the new zero of the phase's clock (monotonic nanoseconds) at the release
     */
    FirstBurst(int size, LongConsumer clockStart) {
        this(size, clockStart, MAX_HOLD_MILLIS);
    }

    FirstBurst(int size, LongConsumer clockStart, long maxHoldMillis) {
        this.size = size;
        this.clockStart = clockStart;
        CompletableFuture.delayedExecutor(maxHoldMillis, TimeUnit.MILLISECONDS).execute(this::giveUp);
    }

    /** Done once the burst is let go: the first request's turn to write. */
    CompletableFuture<Void> released() {
        return released;
    }

    /** The request about to be given a turn joins the burst if it is still gathering: true if it is held. */
    synchronized boolean join() {
        if (!gathering()) {
            return false;
        }
        joined++;
        return true;
    }

    /** Whether a request may still join it. */
    synchronized boolean gathering() {
        return !released.isDone() && !complete && joined < size;
    }

    /** No more requests will join (the plan has no more to send): the burst is as large as it got. */
    synchronized void complete() {
        complete = true;
        if (ready == joined) {
            release();
        }
    }

    /**
     * A held request is built and waiting to be written, or ended before it could be.
     *
     * @param builtNanos when it was built: its latency counts from there
     */
    synchronized void ready(long builtNanos) {
        ready++;
        longestBuildNanos = Math.max(longestBuildNanos, System.nanoTime() - builtNanos);
        if (ready == size || (complete && ready == joined)) {
            release();
        }
    }

    private synchronized void release() {
        if (!released.isDone()) {
            clockStart.accept(System.nanoTime() - longestBuildNanos);
            released.complete(null);
        }
    }

    /** Some request was not built in time: the rest go, and the clock stays where it is, since that one may have been built before any new zero. */
    private synchronized void giveUp() {
        released.complete(null);
    }
}
