package dev.multilora.run;

import dev.multilora.metrics.RequestOutcome;

/**
 * A planned request as the dispatcher hands it to a worker: either released to be sent, holding
 * one in-flight slot and its turn on the wire, or settled without sending and why.
 *
 * @param slotWaitNanos  how long it waited, once due, for a free slot
 * @param firstOfAdapter the first measured request dispatched with its adapter
 * @param turn           passed once it goes on the wire, so the next request may follow; null when not sent
 * @param notSentAs      null when it is to be sent; otherwise how it ends unsent
 * @param notSentReason  the error its row carries when not sent
 */
public record Dispatch(PlannedRequest request, long slotWaitNanos, boolean firstOfAdapter, SendTurn turn,
                       RequestOutcome notSentAs, String notSentReason) {

    static Dispatch toSend(PlannedRequest request, long slotWaitNanos, boolean firstOfAdapter, SendTurn turn) {
        return new Dispatch(request, slotWaitNanos, firstOfAdapter, turn, null, null);
    }

    static Dispatch unsent(PlannedRequest request, RequestOutcome outcome, String reason) {
        return new Dispatch(request, 0, false, null, outcome, reason);
    }

    /** It is about to go on the wire (or failed before it could): the next request may go. */
    public void departed() {
        if (turn != null) {
            turn.pass();
        }
    }

    /** A request to be sent holds an in-flight slot until it ends. */
    public boolean isSendable() {
        return notSentAs == null;
    }
}
