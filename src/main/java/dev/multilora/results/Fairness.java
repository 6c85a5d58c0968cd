package dev.multilora.results;

/** How evenly adapters were served; each figure null where fewer than two adapters have one. */
public record Fairness(Double jainIndexMeanE2el, Double jainIndexMeanTtft, Double p95E2elMaxMinRatio) {
}
