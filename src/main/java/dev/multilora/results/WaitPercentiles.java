package dev.multilora.results;

/** The median and p99 of a wait, in milliseconds; null without samples. */
public record WaitPercentiles(Double p50, Double p99) {
}
