package dev.multilora.report;

import dev.multilora.adapter.Adapter;
import dev.multilora.adapter.AdapterDistribution;
import dev.multilora.adapter.ExcludedAdapter;
import dev.multilora.config.Setting;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.metrics.ResultsSummary;
import dev.multilora.metrics.SendTimings;
import dev.multilora.run.BenchmarkRun;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * results.json: API.md's keys, in its order and units (seconds), then this project's additions
 * beside them. Built from the records only.
 */
public final class ResultsDocument {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final ResultsSummary summary = new ResultsSummary();
    private final SendTimings sendTimings = new SendTimings();

    public Map<String, Object> build(List<RequestRecord> records, BenchmarkRun run) {
        double duration = run.requestPhaseSeconds();
        Map<String, Object> results = new LinkedHashMap<>(summary.counts(records));
        results.put("total_duration", duration);
        results.put("metrics", summary.metrics(records, duration));
        results.put("adapter_stats", summary.adapterStats(records));
        results.put("config", run.config().asNestedMap());
        results.put("timestamp", TIMESTAMP.format(run.startedAt()));
        java.util.Optional<String> serverDeath = run.serverFailure();
        results.put("status", serverDeath.isPresent() ? "failed" : "completed");
        serverDeath.ifPresent(reason -> results.put("failure_reason", reason));
        results.put("dataset", run.dataset().toString());
        results.put("invalid_lines", summary.invalidLines(records));
        results.put("adapter_assignment", assignment(run));
        results.put("adapter_distribution", distribution(records, run));
        results.put("request_rate", run.config().optionalDecimal(Setting.REQUEST_RATE).orElse(null));
        results.put("burstiness", run.config().decimal(Setting.BURSTINESS));
        results.put("achieved_request_rate", sendTimings.achievedRequestRate(records));
        results.put("scheduler_slip_ms", sendTimings.schedulerSlipMillis(records));
        results.put("slot_wait_ms", sendTimings.slotWaitMillis(records));
        results.put("adapters", run.catalog().adapters().stream().map(ResultsDocument::adapter).toList());
        results.put("server", server(run));
        results.put("environment", run.environment());
        results.put("excluded_adapters", run.catalog().excluded().stream().map(ResultsDocument::excluded).toList());
        return results;
    }

    private static Map<String, Object> assignment(BenchmarkRun run) {
        boolean random = run.config().flag(Setting.RANDOM_ADAPTER_ASSIGNMENT);
        Map<String, Object> assignment = new LinkedHashMap<>();
        assignment.put("mode", random ? "random" : "dataset");
        assignment.put("dataset_adapter_names_ignored", random);
        return assignment;
    }

    /** The configured popularity and how many measured requests each catalog adapter got; null unless drawn at random. */
    private static Map<String, Object> distribution(List<RequestRecord> records, BenchmarkRun run) {
        if (!run.config().flag(Setting.RANDOM_ADAPTER_ASSIGNMENT)) {
            return null;
        }
        Map<String, Object> distribution =
                AdapterDistribution.fromConfig(run.config().map(Setting.ADAPTER_DISTRIBUTION)).describe();
        Map<String, Long> realized = new LinkedHashMap<>();
        run.catalog().adapters().forEach(adapter -> realized.put(adapter.name(), 0L));
        records.stream().filter(RequestRecord::isMeasured).forEach(r -> realized.merge(r.adapterName(), 1L, Long::sum));
        distribution.put("realized", realized);
        return distribution;
    }

    private static Map<String, Object> server(BenchmarkRun run) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("mode", run.server() == null ? run.config().string(Setting.SERVER_MODE) : run.server().mode());
        server.put("url", run.baseUrl());
        server.put("fresh", run.server() == null ? null : run.server().fresh());
        return server;
    }

    private static Map<String, Object> adapter(Adapter adapter) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", adapter.name());
        entry.put("path", adapter.path().toString());
        entry.put("rank", adapter.rank());
        return entry;
    }

    private static Map<String, Object> excluded(ExcludedAdapter adapter) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", adapter.name());
        entry.put("reason", adapter.reason());
        return entry;
    }
}
