package dev.multilora.engine;

/**
 * An engine's Prometheus names for what this tool reads from its /metrics; null where the engine
 * has no such metric.
 *
 * @param loraInfo vLLM's info series whose labels name the running and waiting adapters
 */
public record MetricNames(String running, String waiting, String kvCacheUsage, String olderKvCacheUsage,
                          String promptTokens, String generationTokens, String loraInfo) {
}
