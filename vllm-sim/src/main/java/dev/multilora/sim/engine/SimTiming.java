package dev.multilora.sim.engine;

/**
 * Ground truth for one finished request, on the engine's model clock (milliseconds).
 * queueMs + loraLoadMs + prefillMs + decodeMs is the request's end-to-end time.
 *
 * @param prefillMs the rest of the request's first step: its prompt, the batch's decode work and
 *                  any other adapter loads in that step; the first token exists at its end
 * @param decodeMs  from the first token to the last
 */
public record SimTiming(
        double queueMs,
        double loraLoadMs,
        double prefillMs,
        double decodeMs,
        LoraSource loraSource,
        double scheduledAtMs,
        double finishedAtMs) {

    public double timeToFirstTokenMs() {
        return queueMs + loraLoadMs + prefillMs;
    }

    public double endToEndMs() {
        return timeToFirstTokenMs() + decodeMs;
    }
}
