package dev.multilora.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * The requests under way, each with its deadline: benchmark.request_timeout_s after it left for the
 * server. This is the only timeout of a request once it is sent. The connections have no read
 * timeout, for two reasons: the JDK polls a socket that has one before every read (a system call
 * and a wake-up more per server-sent event, the client's hottest path), and a read timeout bounds
 * only silence, so a server that trickles SSE comments would hold a request for as long as it
 * likes. A request still under way at its deadline is cancelled, which closes its connection: the
 * blocked read ends at once, whether it was waiting for the headers or for the next event. An
 * interrupted run cancels them all.
 */
final class RequestDeadlines {
    private final ScheduledThreadPoolExecutor timer;
    private final Set<Watch> underWay = ConcurrentHashMap.newKeySet();

    RequestDeadlines() {
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "request-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    /**
     * A request's deadline, {@code timeoutNanos} after it {@linkplain Watch#start starts}, until {@link Watch#close}.
     * The run is interrupted by setting its flag, then {@linkplain #cutAll cutting} the requests under way:
     * a request that joins them while the cut goes over them looks at the flag itself once it is
     * among them, so it is cut either way.
     */
    Watch watch(long timeoutNanos, BooleanSupplier runInterrupted) {
        Watch watch = new Watch(timeoutNanos);
        underWay.add(watch);
        if (runInterrupted.getAsBoolean()) {
            watch.interrupt();
        }
        return watch;
    }

    /** Cuts every request still under way: the run was interrupted. */
    void cutAll() {
        underWay.forEach(Watch::interrupt);
    }

    /**
     * The HTTP client's part: as it starts a completion request, the request's deadline is given the
     * means to cancel it: the request itself (camel-http's are HttpUriRequestBase), which the client
     * lets be cancelled at any stage, before its connection is taken as well as while it streams.
     */
    static ExecChainHandler cancellation() {
        return (request, scope, chain) -> {
            if (request.getEntity() instanceof DepartingRequestBody body) {
                body.deadline().cancelsWith((Cancellable) scope.originalRequest);
            }
            return chain.proceed(request, scope);
        };
    }

    final class Watch implements AutoCloseable {
        private final long timeoutNanos;
        private final AtomicBoolean expired = new AtomicBoolean();
        private final AtomicBoolean interrupted = new AtomicBoolean();
        private volatile Cancellable request;
        private ScheduledFuture<?> due;

        private Watch(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }

        /** How the request is cancelled; at once if its deadline, or the run's interruption, came first. */
        void cancelsWith(Cancellable cancellation) {
            request = cancellation;
            if (expired.get() || interrupted.get()) {
                cancellation.cancel();
            }
        }

        /** The request left at {@code sentNanos} (monotonic clock): its deadline runs from there. */
        void start(long sentNanos) {
            if (due == null) {
                due = timer.schedule(this::expire, sentNanos + timeoutNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        }

        /** True once the request took its turn to go on the wire: a request cut before it never reached the server. */
        boolean started() {
            return due != null;
        }

        /** True once the deadline passed with the request still under way: whatever it then threw is this. */
        boolean expired() {
            return expired.get();
        }

        /** True once the run's interruption cut the request. */
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
            Cancellable cancellation = request;
            if (cancellation != null) {
                cancellation.cancel();
            }
        }

        @Override
        public void close() {
            if (due != null) {
                due.cancel(false);
            }
            underWay.remove(this);
        }
    }
}
