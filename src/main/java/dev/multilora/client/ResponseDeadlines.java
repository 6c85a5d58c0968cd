package dev.multilora.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * The responses being read, each with its deadline: benchmark.request_timeout_s after its send.
 * The HTTP client's response timeout bounds only silence, so a server that trickles SSE comments
 * would hold a request for as long as it likes; a response still being read at its deadline has its
 * connection cut, and the blocked read ends at once. An interrupted run cuts them all.
 */
final class ResponseDeadlines {
    private final ScheduledThreadPoolExecutor timer;
    private final Set<Watch> reading = ConcurrentHashMap.newKeySet();

    ResponseDeadlines() {
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "request-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    /** Watches a response body until {@link Watch#close}; at {@code deadlineNanos} (monotonic clock) its connection is cut. */
    Watch watch(InputStream body, long deadlineNanos) {
        Watch watch = new Watch(body);
        reading.add(watch);
        watch.due = timer.schedule(watch::expire, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        return watch;
    }

    /** Cuts every response still being read: the run was interrupted. */
    void cutAll() {
        reading.forEach(Watch::interrupt);
    }

    final class Watch implements AutoCloseable {
        private final InputStream body;
        private final AtomicBoolean expired = new AtomicBoolean();
        private final AtomicBoolean interrupted = new AtomicBoolean();
        private volatile ScheduledFuture<?> due;

        private Watch(InputStream body) {
            this.body = body;
        }

        /** True once the deadline passed with the response still being read: whatever the read then threw is this. */
        boolean expired() {
            return expired.get();
        }

        /** True once the run's interruption cut the response. */
        boolean interrupted() {
            return interrupted.get();
        }

        private void expire() {
            expired.set(true);
            cut();
        }

        private void interrupt() {
            interrupted.set(true);
            cut();
        }

        private void cut() {
            try {
                if (body instanceof EofSensorInputStream connection) {
                    connection.abort();
                } else {
                    body.close();
                }
            } catch (IOException alreadyGone) {
                // the connection is closed either way, which is all a cut asks
            }
        }

        @Override
        public void close() {
            due.cancel(false);
            reading.remove(this);
        }
    }
}
