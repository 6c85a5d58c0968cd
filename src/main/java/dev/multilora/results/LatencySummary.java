package dev.multilora.results;

/** API.md's `metrics` section: end-to-end latency in seconds over successes, and the rates. */
public record LatencySummary(Double meanLatency, Double p50Latency, Double p95Latency, Double p99Latency,
                             double requestsPerSec, double tokensPerSec) {
}
