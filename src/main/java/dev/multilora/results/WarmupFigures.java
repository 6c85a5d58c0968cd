package dev.multilora.results;

import java.util.Map;

/** The warmup before the measurement: how many requests per adapter were asked for and how they went. */
public record WarmupFigures(int requestsPerAdapter, RequestCounts counts, Map<String, AdapterStats> adapterStats) {
}
