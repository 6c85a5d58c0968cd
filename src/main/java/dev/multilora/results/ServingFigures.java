package dev.multilora.results;

/** The figures `vllm bench serve` reports, with its definitions and units (milliseconds for latencies). */
public record ServingFigures(long completed, long totalInputTokens, long totalOutputTokens, double requestThroughput,
                             double outputThroughput, double totalTokenThroughput, SloFigures slo,
                             Distribution ttft, Distribution tpot, Distribution itl, Distribution e2el,
                             long tokensCountedRequests) {
}
