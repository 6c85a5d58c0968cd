package dev.multilora.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendTurnTest {

    /** Completes once {@code turn} may write. */
    private static CompletableFuture<Void> mayWrite(SendTurn turn) {
        return CompletableFuture.runAsync(() -> {
            try {
                turn.await();
            } catch (java.io.InterruptedIOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aRequestWritesOnlyOnceTheOneBeforeItIsOnTheWire() throws Exception {
        SendTurn first = SendTurn.first();
        SendTurn second = first.next();
        CompletableFuture<Void> secondWrites = mayWrite(second);

        mayWrite(first).get(5, TimeUnit.SECONDS);
        Thread.sleep(50);
        assertFalse(secondWrites.isDone(), "the first has not written yet");

        first.departed();
        secondWrites.get(5, TimeUnit.SECONDS);
    }

    @Test
    void oneThatFailsBeforeWritingPassesItsTurnOnlyAfterTheOneBeforeIt() throws Exception {
        SendTurn first = SendTurn.first();
        SendTurn failed = first.next();
        SendTurn third = failed.next();
        CompletableFuture<Void> thirdWrites = mayWrite(third);

        failed.ended();
        Thread.sleep(50);
        assertFalse(thirdWrites.isDone(), "the third may not overtake the first, still unwritten");

        first.departed();
        thirdWrites.get(5, TimeUnit.SECONDS);
        assertTrue(third.waitedNanos() > 0, "its wait is measured, to count as the client's own");
    }
}
