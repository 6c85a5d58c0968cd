package dev.multilora.run;

import dev.multilora.metrics.RequestRecord;
import java.util.function.Supplier;
import org.apache.camel.Exchange;

/**
 * What a request worker does between two requests: records the one it ended, and takes the next
 * of its phase's plan. The plan it works on and when its last request freed its slot travel on
 * the worker's own exchange, which carries it from request to request.
 */
public final class RequestWorker {
    /** The exchange property that holds the phase's {@link RequestDispatch}. */
    public static final String PLAN = "requestPlan";
    /** Set by the completion route when a request that held a slot ends. */
    public static final String SLOT_FREED_NANOS = "slotFreedNanos";

    /**
     * The body becomes the worker's next request, once it is due, or null when the plan is done. A
     * request the worker settled without sending held no slot, so the one after it counts from the
     * end of the worker's last request that did.
     */
    public void take(Exchange exchange) {
        RequestDispatch plan = plan(exchange);
        Long freed = exchange.getProperty(SLOT_FREED_NANOS, Long.class);
        Dispatch taken = stopsThePhaseIfItFails(plan, () -> plan.take(freed == null ? RequestDispatch.FREE_ALL_ALONG : freed));
        if (taken != null && taken.isSendable()) {
            exchange.removeProperty(SLOT_FREED_NANOS);
        }
        exchange.getMessage().setBody(taken);
    }

    /** The record in the body goes where its phase keeps records, and nothing of it stays on the exchange. */
    public void record(Exchange exchange) {
        RequestDispatch plan = plan(exchange);
        RequestRecord record = exchange.getMessage().getBody(RequestRecord.class);
        stopsThePhaseIfItFails(plan, () -> {
            plan.recorded(record);
            return null;
        });
        exchange.getMessage().setBody(null);
    }

    private static <T> T stopsThePhaseIfItFails(RequestDispatch plan, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            plan.abandon(e);
            throw e;
        }
    }

    private static RequestDispatch plan(Exchange exchange) {
        return exchange.getProperty(PLAN, RequestDispatch.class);
    }
}
