package dev.multilora.run;

import dev.multilora.metrics.RequestOutcome;
import java.io.InterruptedIOException;

/**
 * A planned request as a request worker takes it: either released to be sent, holding
 * one in-flight slot and its turn on the wire, or settled without sending and why.
 *
 * @param measured       a request of the measured phase: its outcome counts for the stop conditions and its
 *                       token gaps for the inter-token latencies (the rehearsal's and the warmup's never do)
 * @param slotWaitNanos  how long it waited, once due, for a free slot
 * @param firstOfAdapter the first measured request dispatched with its adapter
 * @param turn           its place in the order of the wire: it writes after the request before it; null when not sent
 * @param notSentAs      null when it is to be sent; otherwise how it ends unsent
 * @param notSentReason  the error its row carries when not sent
 */
public record Dispatch(PlannedRequest request, boolean measured, long slotWaitNanos, boolean firstOfAdapter, SendTurn turn,
                       RequestOutcome notSentAs, String notSentReason) {

    static Dispatch toSend(PlannedRequest request, boolean measured, long slotWaitNanos, boolean firstOfAdapter, SendTurn turn) {
        return new Dispatch(request, measured, slotWaitNanos, firstOfAdapter, turn, null, null);
    }

    static Dispatch unsent(PlannedRequest request, boolean measured, RequestOutcome outcome, String reason) {
        return new Dispatch(request, measured, 0, false, null, outcome, reason);
    }

    static Dispatch interrupted(PlannedRequest request, boolean measured, String why) {
        return unsent(request, measured, RequestOutcome.NOT_SENT, "not sent: the run was interrupted (" + why + ")");
    }

    /** This request, released to be sent but cut by the run's interruption before it reached the wire. */
    public Dispatch cutBeforeSending(String why) {
        return interrupted(request, measured, why);
    }

    /**
     * Waits, just before writing its body, until the request before it is on the wire.
     *
     * @param builtNanos when the request was built: its latency counts from there
     */
    public void awaitTurn(long builtNanos) throws InterruptedIOException {
        turn.await(builtNanos);
    }

    /** How long it waited for its turn to write (the client's own delay, not the server's); 0 when it has not written. */
    public long turnWaitNanos() {
        return turn == null ? 0 : turn.waitedNanos();
    }

    /** Its body is flushed to the connection: the next request may write. */
    public void departed() {
        turn.departed();
    }

    /** It ended, written or not: the order of the wire goes on past it. */
    public void ended() {
        if (turn != null) {
            turn.ended();
        }
    }

    /** A request to be sent holds an in-flight slot until it ends. */
    public boolean isSendable() {
        return notSentAs == null;
    }
}
