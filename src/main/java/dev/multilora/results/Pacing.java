package dev.multilora.results;

/**
 * How requests were paced and whether the client kept to it.
 *
 * @param requestRate     the configured rate; null for as fast as the slots allow
 * @param schedulerSlip   how late requests left although a slot was free and their time had come
 * @param slotWait        how long due requests waited for a free slot
 */
public record Pacing(Double requestRate, double burstiness, Double achievedRequestRate,
                     WaitPercentiles schedulerSlip, WaitPercentiles slotWait) {
}
