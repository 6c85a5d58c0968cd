package dev.multilora.run;

import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;

/**
 * Holds each request back until its scheduled time, on the request's own thread and before it
 * takes an in-flight slot, so a request that is not yet due never keeps a slot from one that is.
 */
public final class ArrivalSchedule {
    /** How often a waiting request looks at the server, so a dead server fails it at once, not when due. */
    private static final long SERVER_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    public void awaitScheduledTime(Exchange exchange) throws InterruptedException {
        BenchmarkRun run = exchange.getProperty("run", BenchmarkRun.class);
        PlannedRequest request = exchange.getProperty("request", PlannedRequest.class);
        if (request.scheduledOffsetSeconds() == null) {
            return;
        }
        long due = run.requestPhaseStartNanos() + (long) Math.ceil(request.scheduledOffsetSeconds() * 1e9);
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            if (run.server().deathNotice().isPresent()) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, SERVER_CHECK_NANOS));
        }
    }
}
