package dev.multilora.run;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of the request split. The dispatcher hands the split a request only once it holds
 * one of the run's `concurrency` slots, so nothing ever has to queue: each task goes straight to an
 * idle thread or a new one, and the pool holds as many threads as requests in flight (plus the
 * dispatcher's own), up to the largest concurrency allowed. Idle threads go after a while.
 */
public final class RequestWorkers {
    /** benchmark.concurrency's upper bound, the dispatcher, and the warmup's dispatcher finishing. */
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
