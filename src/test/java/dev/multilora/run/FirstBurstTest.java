package dev.multilora.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FirstBurstTest {
    /** Longer than any test here takes, however loaded the machine: only the stall test reaches its hold's end. */
    private static final long LONG_HOLD_MILLIS = 60_000;

    private final AtomicLong clockStart = new AtomicLong();

    /** The request of {@code turn}, built at {@code builtNanos}, waits for its turn to write; completes once it may. */
    private static CompletableFuture<Void> waitsToWrite(SendTurn turn, long builtNanos) {
        return CompletableFuture.runAsync(() -> {
            try {
                turn.await(builtNanos);
            } catch (InterruptedIOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(100);
    }

    @Test
    void itsRequestsGoOnlyOnceEveryOneIsBuiltAndTheClockStartsThenLessTheLongestBuild() throws Exception {
        FirstBurst burst = new FirstBurst(3, clockStart::set, LONG_HOLD_MILLIS);
        SendTurn first = SendTurn.first(burst);
        SendTurn second = first.next(burst);
        SendTurn third = second.next(burst);

        CompletableFuture<Void> firstWrites = waitsToWrite(first, System.nanoTime());
        settle();
        assertFalse(firstWrites.isDone(), "two of three are not built yet");
        third.ended();
        settle();
        assertFalse(firstWrites.isDone(), "one that failed before writing counts as ready; the second is still being built");

        long builtLongAgo = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(40);
        long before = System.nanoTime();
        CompletableFuture<Void> secondWrites = waitsToWrite(second, builtLongAgo);
        firstWrites.get(5, TimeUnit.SECONDS);
        assertTrue(clockStart.get() <= before - TimeUnit.MILLISECONDS.toNanos(40),
                "no request's latency starts before the clock: it starts the longest build earlier");
        settle();
        assertFalse(secondWrites.isDone(), "released, they still go in order");
        first.departed();
        secondWrites.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aRequestAfterTheBurstIsFullIsNotHeldNorWaitedFor() throws Exception {
        FirstBurst burst = new FirstBurst(1, clockStart::set, LONG_HOLD_MILLIS);
        SendTurn first = SendTurn.first(burst);
        SendTurn second = first.next(burst);
        second.ended();
        settle();
        assertFalse(burst.released().isDone(), "the burst holds the first request only");
        waitsToWrite(first, System.nanoTime()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aPlanShorterThanTheBurstIsReleasedOnceItsLastRequestIsReady() throws Exception {
        FirstBurst burst = new FirstBurst(64, clockStart::set, LONG_HOLD_MILLIS);
        SendTurn only = SendTurn.first(burst);
        burst.complete();
        assertFalse(burst.released().isDone());
        waitsToWrite(only, System.nanoTime()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aStalledRequestHoldsTheOthersBackOnlySoLongAndLeavesTheClockAlone() throws Exception {
        long start = System.nanoTime();
        FirstBurst burst = new FirstBurst(2, clockStart::set, 300);
        waitsToWrite(SendTurn.first(burst), System.nanoTime()).get(5, TimeUnit.SECONDS);
        long heldMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(heldMillis >= 290, "held " + heldMillis + " ms");
        assertTrue(clockStart.get() == 0, "the one not yet built may have been built before any new zero");
    }
}
