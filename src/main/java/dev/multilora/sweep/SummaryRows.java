package dev.multilora.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * summary.csv and summary.json's rows: one per run of the sweep, its swept values as its own
 * results.json `config` has them, then its key figures read from that same file, so the summary
 * can never disagree with the runs.
 */
final class SummaryRows {
    /** Figures copied as results.json has them, under its names. */
    static final List<String> FIGURES = List.of("request_throughput", "output_throughput", "p50_ttft_ms", "p99_ttft_ms",
            "p50_tpot_ms", "p99_tpot_ms", "p50_e2el_ms", "p99_e2el_ms", "request_goodput", "slo_attainment_pct",
            "successful_requests", "failed_requests");
    static final String WORST_ADAPTER = "worst_adapter";
    static final String WORST_P95_TTFT = "worst_adapter_p95_ttft_ms";
    static final String BEST_P95_TTFT = "best_adapter_p95_ttft_ms";
    static final String ADAPTERS = "adapters";

    private SummaryRows() {
    }

    static List<String> columns(SweepPlan plan) {
        List<String> columns = new ArrayList<>(List.of("run", "status", "point", "repeat", "server_combination", "reused"));
        columns.addAll(plan.identityKeys());
        columns.add(ADAPTERS);
        if (plan.search() != null) {
            columns.add("meets_constraints");
        }
        columns.addAll(FIGURES);
        columns.addAll(List.of(WORST_ADAPTER, WORST_P95_TTFT, BEST_P95_TTFT, "jain_index_mean_ttft", "jain_index_mean_e2el",
                "p95_e2el_max_min_ratio"));
        return columns;
    }

    static List<Map<String, Object>> of(SweepExecution execution) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SweepRun run : execution.runs()) {
            rows.add(row(execution, run));
        }
        return rows;
    }

    private static Map<String, Object> row(SweepExecution execution, SweepRun run) {
        SweepPlan plan = execution.plan();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("run", run.folder() == null ? null : run.folder().getFileName().toString());
        row.put("status", run.status());
        row.put("point", run.point().number());
        row.put("repeat", run.repeat());
        row.put("server_combination", run.point().serverCombination());
        row.put("reused", run.reused());
        JsonNode results = run.results();
        for (String key : plan.identityKeys()) {
            row.put(key, results == null ? null : value(RunIdentity.at(results.path("config"), key)));
        }
        row.put(ADAPTERS, results == null ? run.point().adapters() : results.path("adapters").size());
        if (plan.search() != null) {
            row.put("meets_constraints", execution.meetsConstraints(run));
        }
        for (String figure : FIGURES) {
            row.put(figure, results == null ? null : value(results.path(figure)));
        }
        String worst = null;
        Double worstP95 = null;
        Double bestP95 = null;
        if (results != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = results.path("adapter_stats").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> adapter = it.next();
                JsonNode p95 = adapter.getValue().path("p95_ttft_ms");
                if (!p95.isNumber()) {
                    continue;
                }
                if (worstP95 == null || p95.asDouble() > worstP95) {
                    worstP95 = p95.asDouble();
                    worst = adapter.getKey();
                }
                bestP95 = bestP95 == null ? p95.asDouble() : Math.min(bestP95, p95.asDouble());
            }
        }
        row.put(WORST_ADAPTER, worst);
        row.put(WORST_P95_TTFT, worstP95);
        row.put(BEST_P95_TTFT, bestP95);
        JsonNode fairness = results == null ? null : results.path("fairness");
        for (String figure : List.of("jain_index_mean_ttft", "jain_index_mean_e2el", "p95_e2el_max_min_ratio")) {
            row.put(figure, fairness == null ? null : value(fairness.path(figure)));
        }
        return row;
    }

    /** A JSON value as the row holds it: numbers as numbers, text as text, a map (a distribution) as compact JSON. */
    private static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.isTextual() ? node.asText() : node.toString();
    }
}
