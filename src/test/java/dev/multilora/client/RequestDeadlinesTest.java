package dev.multilora.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.concurrent.Cancellable;
import org.junit.jupiter.api.Test;

class RequestDeadlinesTest {
    private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);

    private final RequestDeadlines deadlines = new RequestDeadlines();
    private final AtomicInteger cancels = new AtomicInteger();
    private final Cancellable request = () -> cancels.incrementAndGet() > 0;

    @Test
    void aRequestPreparedAsTheRunIsInterruptedIsCutWhenItsClientTakesIt() {
        RequestDeadlines.Watch watch = deadlines.watch(AN_HOUR, () -> true);

        watch.cancelsWith(request);

        assertTrue(watch.interrupted(), "the cut went over the requests under way before this one was among them");
        assertEquals(1, cancels.get());
        assertFalse(watch.started(), "cut before it took its turn on the wire: never sent");
    }

    @Test
    void cuttingAllCutsTheRequestsUnderWayAndNotThoseThatEnded() {
        RequestDeadlines.Watch underWay = deadlines.watch(AN_HOUR, () -> false);
        underWay.cancelsWith(request);
        AtomicInteger endedCancels = new AtomicInteger();
        RequestDeadlines.Watch ended = deadlines.watch(AN_HOUR, () -> false);
        ended.cancelsWith(() -> endedCancels.incrementAndGet() > 0);
        ended.close();

        deadlines.cutAll();

        assertTrue(underWay.interrupted());
        assertEquals(1, cancels.get());
        assertEquals(0, endedCancels.get());
        assertFalse(ended.interrupted());
    }

    @Test
    void aRequestStillUnderWayAtItsDeadlineIsCancelled() throws InterruptedException {
        CountDownLatch cancelled = new CountDownLatch(1);
        RequestDeadlines.Watch watch = deadlines.watch(TimeUnit.MILLISECONDS.toNanos(50), () -> false);
        watch.cancelsWith(() -> {
            cancelled.countDown();
            return true;
        });

        watch.start(System.nanoTime());

        assertTrue(cancelled.await(10, TimeUnit.SECONDS));
        assertTrue(watch.expired());
        assertTrue(watch.started());
        assertFalse(watch.interrupted());
    }

    @Test
    void aRequestThatEndsBeforeItsDeadlineIsLeftAlone() throws InterruptedException {
        RequestDeadlines.Watch watch = deadlines.watch(TimeUnit.MILLISECONDS.toNanos(50), () -> false);
        watch.cancelsWith(request);
        watch.start(System.nanoTime());

        watch.close();
        Thread.sleep(200);

        assertFalse(watch.expired());
        assertEquals(0, cancels.get());
    }
}
