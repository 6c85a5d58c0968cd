package dev.multilora.run;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of a phase's request workers: one per in-flight slot, each working through the
 * plan until it is done, so nothing ever has to queue and the pool holds as many threads as the
 * run's concurrency, up to the largest allowed. Idle threads go after a while; the rehearsal's
 * threads are the measured phase's.
 */
public final class RequestWorkers {
    /** benchmark.concurrency's upper bound, and a phase's last workers still finishing as the next phase's start. */
    private static final int MAX_THREADS = 1024 + 2;
    private static final long IDLE_SECONDS = 30;

    private RequestWorkers() {
    }

    public static ThreadPoolExecutor create() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "request-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(0, MAX_THREADS, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }
}
