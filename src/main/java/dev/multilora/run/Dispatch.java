package dev.multilora.run;

import dev.multilora.metrics.RequestOutcome;

/**
 * A planned request as the dispatcher hands it to a worker: either released to be sent, holding
 * one in-flight slot, or settled without sending and why.
 *
 * @param holdsSlot      it holds an in-flight slot, to be freed when it ends
 * @param slotWaitNanos  how long it waited, once due, for a free slot
 * @param firstOfAdapter the first measured request dispatched with its adapter
 * @param notSentAs      null when it is to be sent; otherwise how it ends unsent
 * @param notSentReason  the error its row carries when not sent
 */
public record Dispatch(PlannedRequest request, boolean holdsSlot, long slotWaitNanos, boolean firstOfAdapter, RequestOutcome notSentAs,
                       String notSentReason) {

    static Dispatch toSend(PlannedRequest request, long slotWaitNanos, boolean firstOfAdapter) {
        return new Dispatch(request, true, slotWaitNanos, firstOfAdapter, null, null);
    }

    static Dispatch unsent(PlannedRequest request, RequestOutcome outcome, String reason) {
        return new Dispatch(request, false, 0, false, outcome, reason);
    }

    /** A request sent outside any run's slots: the client's own warm-up. */
    public static Dispatch rehearsal(PlannedRequest request) {
        return new Dispatch(request, false, 0, false, null, null);
    }

    public boolean isSendable() {
        return notSentAs == null;
    }
}
