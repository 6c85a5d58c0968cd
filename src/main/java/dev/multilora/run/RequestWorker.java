package dev.multilora.run;

import dev.multilora.metrics.RequestRecord;
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

    /** The body becomes the worker's next request, once it is due, or null when the plan is done. */
    public void take(Exchange exchange) {
        Long freed = (Long) exchange.removeProperty(SLOT_FREED_NANOS);
        exchange.getMessage().setBody(plan(exchange).take(freed == null ? RequestDispatch.FREE_ALL_ALONG : freed));
    }

    /** The record in the body goes where its phase keeps records, and nothing of it stays on the exchange. */
    public void record(Exchange exchange) {
        plan(exchange).recorded(exchange.getMessage().getBody(RequestRecord.class));
        exchange.getMessage().setBody(null);
    }

    private static RequestDispatch plan(Exchange exchange) {
        return exchange.getProperty(PLAN, RequestDispatch.class);
    }
}
