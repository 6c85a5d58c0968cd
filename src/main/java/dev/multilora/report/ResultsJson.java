package dev.multilora.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multilora.results.AdapterColdStart;
import dev.multilora.results.AdapterStats;
import dev.multilora.results.Comparison;
import dev.multilora.results.Distribution;
import dev.multilora.results.RequestCounts;
import dev.multilora.results.RunResults;
import dev.multilora.results.ServerMetricsFigures;
import dev.multilora.results.ServingFigures;
import dev.multilora.results.SloFigures;
import dev.multilora.results.WaitPercentiles;
import java.util.Map;

/**
 * results.json: API.md's keys, in its order and units (seconds), then this project's additions
 * beside them, with vLLM's names and units (milliseconds) for the figures `vllm bench serve`
 * reports. The one place that knows the file's keys.
 */
public final class ResultsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ObjectNode render(RunResults results) {
        ObjectNode root = JSON.createObjectNode();
        counts(root, results.counts());
        root.put("total_duration", results.totalDuration());
        ObjectNode metrics = root.putObject("metrics");
        metrics.put("mean_latency", results.metrics().meanLatency());
        metrics.put("p50_latency", results.metrics().p50Latency());
        metrics.put("p95_latency", results.metrics().p95Latency());
        metrics.put("p99_latency", results.metrics().p99Latency());
        metrics.put("requests_per_sec", results.metrics().requestsPerSec());
        metrics.put("tokens_per_sec", results.metrics().tokensPerSec());
        adapterStats(root.putObject("adapter_stats"), results.adapterStats());
        root.set("config", JSON.valueToTree(results.config()));
        root.put("timestamp", results.timestamp());

        root.put("status", results.status().label());
        putIfPresent(root, "interrupt_reason", results.reasons().interrupted());
        putIfPresent(root, "failure_reason", results.reasons().failed());
        putIfPresent(root, "stop_reason", results.reasons().stopped());
        root.put("not_sent_requests", results.notSent());
        root.put("dataset", results.dataset().toString());
        root.put("invalid_lines", results.invalidLines());
        root.put("stream", results.stream());
        root.put("seed", results.seed());
        root.put("max_concurrency", results.maxConcurrency());
        ObjectNode slo = root.putObject("slo");
        results.slo().forEach(slo::put);

        ServingFigures serving = results.serving();
        root.put("completed", serving.completed());
        root.put("total_input_tokens", serving.totalInputTokens());
        root.put("total_output_tokens", serving.totalOutputTokens());
        root.put("request_throughput", serving.requestThroughput());
        root.put("output_throughput", serving.outputThroughput());
        root.put("total_token_throughput", serving.totalTokenThroughput());
        slo(root, serving.slo());
        distribution(root, "ttft", serving.ttft());
        distribution(root, "tpot", serving.tpot());
        distribution(root, "itl", serving.itl());
        distribution(root, "e2el", serving.e2el());
        root.put("tokens_counted_requests", serving.tokensCountedRequests());

        ObjectNode fairness = root.putObject("fairness");
        fairness.put("jain_index_mean_e2el", results.fairness().jainIndexMeanE2el());
        fairness.put("jain_index_mean_ttft", results.fairness().jainIndexMeanTtft());
        fairness.put("p95_e2el_max_min_ratio", results.fairness().p95E2elMaxMinRatio());
        if (results.coldStarts().known()) {
            ObjectNode coldStarts = root.putObject("adapter_cold_starts");
            results.coldStarts().perAdapter().forEach((adapter, figures) -> coldStart(coldStarts.putObject(adapter), figures));
        } else {
            root.put("adapter_cold_starts", results.coldStarts().basis());
        }
        root.put("adapter_cold_basis", results.coldStarts().basis());

        ObjectNode warmup = root.putObject("warmup");
        warmup.put("requests_per_adapter", results.warmup().requestsPerAdapter());
        counts(warmup, results.warmup().counts());
        adapterStats(warmup.putObject("adapter_stats"), results.warmup().adapterStats());
        ObjectNode assignment = root.putObject("adapter_assignment");
        assignment.put("mode", results.randomAdapterAssignment() ? "random" : "dataset");
        assignment.put("dataset_adapter_names_ignored", results.randomAdapterAssignment());
        if (results.adapterPopularity() == null) {
            root.putNull("adapter_distribution");
        } else {
            ObjectNode distribution = root.putObject("adapter_distribution");
            distribution.put("type", results.adapterPopularity().type());
            if (results.adapterPopularity().alpha() != null) {
                distribution.put("alpha", results.adapterPopularity().alpha());
            }
            ObjectNode realized = distribution.putObject("realized");
            results.adapterPopularity().realized().forEach(realized::put);
        }

        root.put("request_rate", results.pacing().requestRate());
        root.put("burstiness", results.pacing().burstiness());
        root.put("achieved_request_rate", results.pacing().achievedRequestRate());
        waits(root.putObject("scheduler_slip_ms"), results.pacing().schedulerSlip());
        waits(root.putObject("slot_wait_ms"), results.pacing().slotWait());
        root.put("client_cpu_seconds", results.clientCpuSeconds());
        ArrayNode adapters = root.putArray("adapters");
        results.adapters().forEach(adapter -> adapters.addObject()
                .put("name", adapter.name()).put("path", adapter.path().toString()).put("rank", adapter.rank()));
        ObjectNode server = root.putObject("server");
        server.put("mode", results.server().mode());
        server.put("url", results.server().url());
        server.put("fresh", results.server().fresh());
        server.put("observed_max_loras", results.server().observedMaxLora());
        ArrayNode notApplied = server.putArray("config_keys_not_applied");
        results.server().notAppliedKeys().forEach(notApplied::add);
        ArrayNode ignored = server.putArray("stand_in_ignored_arguments");
        results.server().ignoredArguments().forEach(ignored::add);
        ObjectNode endpoints = server.putObject("endpoints");
        results.server().endpoints().forEach((url, stats) -> {
            ObjectNode entry = endpoints.putObject(url);
            entry.put("count", stats.count());
            entry.put("successful", stats.successful());
            entry.put("failed", stats.failed());
            entry.put("requests_per_sec", stats.requestsPerSec());
            percentiles(entry, "ttft", stats.ttft());
            percentiles(entry, "e2el", stats.e2el());
        });
        root.set("environment", JSON.valueToTree(results.environment()));
        serverMetrics(root.putObject("server_metrics"), results.serverMetrics());
        ArrayNode excluded = root.putArray("excluded_adapters");
        results.excludedAdapters().forEach(adapter -> excluded.addObject().put("name", adapter.name()).put("reason", adapter.reason()));
        if (results.schedule() == null) {
            root.putNull("schedule");
        } else {
            root.putObject("schedule").put("name", results.schedule().name()).put("fire_time", results.schedule().fireTime());
        }
        if (results.comparison() != null) {
            comparison(root.putObject("comparison"), results.comparison());
        }
        return root;
    }

    private static void counts(ObjectNode node, RequestCounts counts) {
        node.put("total_requests", counts.total());
        node.put("successful_requests", counts.successful());
        node.put("failed_requests", counts.failed());
    }

    private static void adapterStats(ObjectNode node, Map<String, AdapterStats> stats) {
        stats.forEach((adapter, figures) -> {
            ObjectNode entry = node.putObject(adapter);
            entry.put("count", figures.count());
            entry.put("avg_latency", figures.avgLatency());
            entry.put("p95_latency", figures.p95Latency());
            entry.put("successful", figures.successful());
            entry.put("failed", figures.failed());
            if (figures.serving() != null) {
                entry.put("requests_per_sec", figures.serving().requestsPerSec());
                entry.put("output_tokens_per_sec", figures.serving().outputTokensPerSec());
                slo(entry, figures.serving().slo());
                percentiles(entry, "ttft", figures.serving().ttft());
                percentiles(entry, "tpot", figures.serving().tpot());
                percentiles(entry, "itl", figures.serving().itl());
                percentiles(entry, "e2el", figures.serving().e2el());
            }
        });
    }

    private static void slo(ObjectNode node, SloFigures slo) {
        node.put("request_goodput", slo.requestGoodput());
        node.put("slo_attainment_pct", slo.attainmentPct());
    }

    /** vLLM's mean/median/std/p50/p90/p95/p99 keys of one metric. */
    private static void distribution(ObjectNode node, String metric, Distribution distribution) {
        node.put("mean_" + metric + "_ms", distribution.mean());
        node.put("median_" + metric + "_ms", distribution.median());
        node.put("std_" + metric + "_ms", distribution.std());
        node.put("p50_" + metric + "_ms", distribution.p50());
        node.put("p90_" + metric + "_ms", distribution.p90());
        node.put("p95_" + metric + "_ms", distribution.p95());
        node.put("p99_" + metric + "_ms", distribution.p99());
    }

    /** The per-adapter subset: p50, p95, p99. */
    private static void percentiles(ObjectNode node, String metric, Distribution distribution) {
        node.put("p50_" + metric + "_ms", distribution.p50());
        node.put("p95_" + metric + "_ms", distribution.p95());
        node.put("p99_" + metric + "_ms", distribution.p99());
    }

    private static void coldStart(ObjectNode node, AdapterColdStart figures) {
        node.put("cold_request_id", figures.coldRequestId());
        node.put("cold_requests", figures.coldRequests());
        node.put("cold_ttft_ms", figures.coldTtftMs());
        node.put("warm_median_ttft_ms", figures.warmMedianTtftMs());
        node.put("cold_penalty_ttft_ms", figures.coldPenaltyTtftMs());
        node.put("cold_e2el_ms", figures.coldE2elMs());
        node.put("warm_median_e2el_ms", figures.warmMedianE2elMs());
        node.put("cold_penalty_e2el_ms", figures.coldPenaltyE2elMs());
        if (figures.serverLoadMs() != null) {
            node.put("server_load_ms", figures.serverLoadMs());
        }
    }

    private static void waits(ObjectNode node, WaitPercentiles waits) {
        node.put("p50", waits.p50());
        node.put("p99", waits.p99());
    }

    private static void serverMetrics(ObjectNode node, ServerMetricsFigures figures) {
        node.put("available", figures.available());
        if (!figures.available()) {
            node.put("reason", figures.unavailableReason());
            return;
        }
        node.put("prompt_tokens_delta", figures.promptTokensDelta());
        node.put("generation_tokens_delta", figures.generationTokensDelta());
        node.put("client_prompt_tokens", figures.clientPromptTokens());
        node.put("client_output_tokens", figures.clientOutputTokens());
        node.put("samples", figures.samples());
    }

    private static void comparison(ObjectNode node, Comparison comparison) {
        node.put("previous_run", comparison.previousRun());
        if (!comparison.found()) {
            node.put("reason", comparison.reason());
            node.put("config_hash", comparison.configHash());
            return;
        }
        node.put("previous_timestamp", comparison.previousTimestamp());
        node.put("config_hash", comparison.configHash());
        node.put("previous_config_hash", comparison.previousConfigHash());
        ArrayNode changes = node.putArray("changes");
        comparison.changes().forEach(change -> {
            ObjectNode entry = changes.addObject();
            entry.put("metric", change.metric());
            entry.set("previous", JSON.valueToTree(change.previous()));
            entry.set("current", JSON.valueToTree(change.current()));
            entry.put("change_pct", change.changePct());
            entry.put("threshold_pct", change.thresholdPct());
            entry.put("flagged", change.flagged());
        });
        ArrayNode flagged = node.putArray("flagged");
        comparison.flagged().forEach(flagged::add);
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
