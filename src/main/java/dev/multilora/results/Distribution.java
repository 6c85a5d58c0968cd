package dev.multilora.results;

/** One latency figure's distribution over a set of requests, in milliseconds; all null without samples. */
public record Distribution(Double mean, Double median, Double std, Double p50, Double p90, Double p95, Double p99) {
}
