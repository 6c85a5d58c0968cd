package dev.multilora.results;

/**
 * One adapter's figures: API.md's count and latencies (seconds) with the success split, then, for
 * measured requests, how it was served.
 *
 * @param serving null for requests that are not measured, such as a warmup's
 */
public record AdapterStats(long count, Double avgLatency, Double p95Latency, long successful, long failed,
                           AdapterServing serving) {
}
