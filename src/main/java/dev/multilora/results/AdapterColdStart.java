package dev.multilora.results;

/**
 * What one adapter's first cold request cost against its warm ones, in milliseconds.
 *
 * @param serverLoadMs the load time the server reported for that request; null when it did not say
 */
public record AdapterColdStart(long coldRequestId, long coldRequests, Double coldTtftMs, Double warmMedianTtftMs,
                               Double coldPenaltyTtftMs, Double coldE2elMs, Double warmMedianE2elMs,
                               Double coldPenaltyE2elMs, Double serverLoadMs) {
}
