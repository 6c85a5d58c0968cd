package dev.multilora.results;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a run measured and how it ended: the one model that results.json, report.html, the
 * terminal summary, runs.jsonl and the notifications are rendered from. Immutable; built once from
 * the records when the requests are done.
 *
 * @param totalDuration  seconds from the first request sent to the last response
 * @param metrics        API.md's latency summary
 * @param adapterStats   per adapter, sorted by name
 * @param config         the effective configuration, nested as in config.yaml
 * @param timestamp      when the run started, local time, seconds precision
 * @param reasons        why the run stopped early, failed or was interrupted
 * @param notSent        measured requests never sent because the run ended first
 * @param schedule       the fire that started the run; null for runs nothing scheduled
 * @param comparison     against the previous comparable run; null until the history has been read
 */
public record RunResults(RequestCounts counts, double totalDuration, LatencySummary metrics,
                         Map<String, AdapterStats> adapterStats, Map<String, Object> config, String timestamp,
                         RunStatus status, EndReasons reasons, long notSent, Path dataset, long invalidLines,
                         boolean stream, long seed, int maxConcurrency, Map<String, Double> slo,
                         ServingFigures serving, Fairness fairness, ColdStartFigures coldStarts, WarmupFigures warmup,
                         boolean randomAdapterAssignment, AdapterPopularity adapterPopularity, Pacing pacing,
                         Double clientCpuSeconds, List<CatalogAdapter> adapters, ServerFacts server,
                         Map<String, Object> environment, ServerMetricsFigures serverMetrics,
                         List<ExcludedAdapter> excludedAdapters, ScheduleFacts schedule, Comparison comparison) {

    /** Each reason is null unless the run ended that way; an interrupted run may also have hit a stop condition. */
    public record EndReasons(String interrupted, String failed, String stopped) {
        public static final EndReasons NONE = new EndReasons(null, null, null);
    }

    /** The schedule fire that started the run: the schedule's name and the fire time in its zone. */
    public record ScheduleFacts(String name, String fireTime) {
    }

    /** An adapter of the catalog the run was measured against. */
    public record CatalogAdapter(String name, Path path, int rank) {
    }

    /** An adapter found but left out of the catalog, and why. */
    public record ExcludedAdapter(String name, String reason) {
    }

    /**
     * @param fresh           whether this run started the server itself; null when the server was never reached
     * @param observedMaxLora the server's own max_loras, from its /metrics; null when it does not say
     * @param notAppliedKeys  config keys that only a server this tool starts would take (empty in managed mode)
     * @param endpoints       each server's share, by base URL, in server.urls order; one entry without a fleet
     * @param ignoredArguments arguments the bundled stand-in accepted without knowing them; empty for a real engine
     */
    public record ServerFacts(String mode, String url, Boolean fresh, Integer observedMaxLora, List<String> notAppliedKeys,
                              Map<String, EndpointStats> endpoints, List<String> ignoredArguments) {
        public ServerFacts {
            notAppliedKeys = List.copyOf(notAppliedKeys);
            ignoredArguments = List.copyOf(ignoredArguments);
            endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        }
    }

    public RunResults {
        adapterStats = Collections.unmodifiableMap(new LinkedHashMap<>(adapterStats));
        adapters = List.copyOf(adapters);
        excludedAdapters = List.copyOf(excludedAdapters);
    }

    public RunResults withComparison(Comparison against) {
        return new RunResults(counts, totalDuration, metrics, adapterStats, config, timestamp, status, reasons, notSent,
                dataset, invalidLines, stream, seed, maxConcurrency, slo, serving, fairness, coldStarts, warmup,
                randomAdapterAssignment, adapterPopularity, pacing, clientCpuSeconds, adapters, server, environment,
                serverMetrics, excludedAdapters, schedule, against);
    }

    public Optional<Comparison> comparisonFound() {
        return Optional.ofNullable(comparison).filter(Comparison::found);
    }
}
