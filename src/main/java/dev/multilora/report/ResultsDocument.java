package dev.multilora.report;

import dev.multilora.adapter.Adapter;
import dev.multilora.adapter.AdapterDistribution;
import dev.multilora.adapter.ExcludedAdapter;
import dev.multilora.config.Setting;
import dev.multilora.metrics.ColdStarts;
import dev.multilora.metrics.Goodput;
import dev.multilora.metrics.RequestOutcome;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.metrics.ResultsSummary;
import dev.multilora.metrics.ServingMetrics;
import dev.multilora.metrics.SendTimings;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.schedule.ScheduleFire;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * results.json: API.md's keys, in its order and units (seconds), then this project's additions
 * beside them. Built from the records only.
 */
public final class ResultsDocument {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final ResultsSummary summary = new ResultsSummary();
    private final ServingMetrics serving = new ServingMetrics();
    private final SendTimings sendTimings = new SendTimings();
    private final ServerMetricsSummary serverMetrics = new ServerMetricsSummary();

    public Map<String, Object> build(List<RequestRecord> records, BenchmarkRun run) {
        double duration = run.requestPhaseSeconds();
        Map<String, Object> results = new LinkedHashMap<>(summary.counts(records));
        results.put("total_duration", duration);
        results.put("metrics", summary.metrics(records, duration));
        Goodput goodput = new Goodput(run.config().sloMillis());
        Map<String, Object> adapterStats = summary.adapterStats(records);
        serving.perAdapter(records, duration, goodput).forEach((adapter, figures) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) adapterStats.get(adapter);
            entry.putAll(figures);
        });
        results.put("adapter_stats", adapterStats);
        results.put("config", run.config().asNestedMap());
        results.put("timestamp", TIMESTAMP.format(run.startedAt()));
        Optional<String> interrupted = run.interruptedBecause();
        Optional<String> serverDeath = interrupted.isPresent() ? Optional.empty() : run.serverFailure();
        Optional<String> stopped = run.stoppedBecause();
        results.put("status", interrupted.isPresent() ? "interrupted"
                : serverDeath.isPresent() ? "failed" : stopped.isPresent() ? "stopped" : "completed");
        interrupted.ifPresent(reason -> results.put("interrupt_reason", reason));
        serverDeath.ifPresent(reason -> results.put("failure_reason", reason));
        stopped.ifPresent(reason -> results.put("stop_reason", reason));
        results.put("not_sent_requests", records.stream().filter(r -> r.outcome() == RequestOutcome.NOT_SENT).count());
        results.put("dataset", run.dataset().toString());
        results.put("invalid_lines", summary.invalidLines(records));
        results.put("stream", run.config().flag(Setting.STREAM));
        results.put("seed", run.config().longValue(Setting.SEED));
        results.put("max_concurrency", run.config().integer(Setting.CONCURRENCY));
        results.put("slo", run.config().sloMillis());
        results.putAll(serving.overall(records, duration, goodput, run.interTokenLatencies()));
        results.put("fairness", serving.fairness(records));
        ColdStarts coldStarts = new ColdStarts(run.adapterColdStartsKnown(), run.config().string(Setting.MODEL_NAME));
        ColdStarts.Basis coldBasis = coldStarts.basis(records);
        results.put("adapter_cold_starts", coldBasis == ColdStarts.Basis.UNKNOWN ? coldBasis.description() : coldStarts.perAdapter(records));
        results.put("adapter_cold_basis", coldBasis.description());
        results.put("warmup", warmup(run));
        results.put("adapter_assignment", assignment(run));
        results.put("adapter_distribution", distribution(records, run));
        results.put("request_rate", run.config().optionalDecimal(Setting.REQUEST_RATE).orElse(null));
        results.put("burstiness", run.config().decimal(Setting.BURSTINESS));
        results.put("achieved_request_rate", sendTimings.achievedRequestRate(records));
        results.put("scheduler_slip_ms", sendTimings.schedulerSlipMillis(records));
        results.put("slot_wait_ms", sendTimings.slotWaitMillis(records));
        results.put("client_cpu_seconds", run.requestPhaseCpuSeconds());
        results.put("adapters", run.catalog().adapters().stream().map(ResultsDocument::adapter).toList());
        results.put("server", server(run));
        results.put("environment", run.environment());
        results.put("server_metrics", serverMetrics.of(run.serverMetrics(), records));
        results.put("excluded_adapters", run.catalog().excluded().stream().map(ResultsDocument::excluded).toList());
        results.put("schedule", run.scheduleFire().map(ScheduleFire::describe).orElse(null));
        return results;
    }

    private static Map<String, Object> assignment(BenchmarkRun run) {
        boolean random = run.config().flag(Setting.RANDOM_ADAPTER_ASSIGNMENT);
        Map<String, Object> assignment = new LinkedHashMap<>();
        assignment.put("mode", random ? "random" : "dataset");
        assignment.put("dataset_adapter_names_ignored", random);
        return assignment;
    }

    private Map<String, Object> warmup(BenchmarkRun run) {
        List<RequestRecord> records = run.warmup();
        Map<String, Object> warmup = new LinkedHashMap<>();
        warmup.put("requests_per_adapter", run.config().integer(Setting.WARMUP_REQUESTS));
        warmup.putAll(summary.counts(records));
        warmup.put("adapter_stats", summary.statsByAdapter(records));
        return warmup;
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
