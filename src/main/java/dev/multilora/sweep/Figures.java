package dev.multilora.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The figures a constraint may name, read from a run's results.json under its own names: overall
 * (p99_ttft_ms, slo_attainment_pct, request_throughput ...) or, as per_adapter.max.NAME or
 * per_adapter.min.NAME, the worst or best adapter's (p95_ttft_ms, slo_attainment_pct ...).
 */
final class Figures {
    static final String PER_ADAPTER = "per_adapter.";
    static final Set<String> OVERALL = new LinkedHashSet<>();
    static final Set<String> ADAPTER = new LinkedHashSet<>();
    /** Figures that exist only with benchmark.slo set. */
    static final Set<String> NEED_SLO = Set.of("request_goodput", "slo_attainment_pct");

    static {
        OVERALL.addAll(List.of("request_throughput", "output_throughput", "total_token_throughput", "request_goodput",
                "slo_attainment_pct", "failed_requests", "successful_requests", "max_concurrency"));
        ADAPTER.addAll(List.of("requests_per_sec", "output_tokens_per_sec", "request_goodput", "slo_attainment_pct", "failed"));
        for (String metric : List.of("ttft", "tpot", "itl", "e2el")) {
            for (String statistic : List.of("mean", "median", "p50", "p90", "p95", "p99")) {
                OVERALL.add(statistic + "_" + metric + "_ms");
            }
            for (String statistic : List.of("p50", "p95", "p99")) {
                ADAPTER.add(statistic + "_" + metric + "_ms");
            }
        }
    }

    private Figures() {
    }

    /** Every name a constraint may use, for errors and suggestions. */
    static Set<String> names() {
        Set<String> names = new LinkedHashSet<>(OVERALL);
        for (String aggregate : List.of("max", "min")) {
            ADAPTER.forEach(figure -> names.add(PER_ADAPTER + aggregate + "." + figure));
        }
        return names;
    }

    /** The figure's own name without per_adapter.max. / per_adapter.min. */
    static String base(String figure) {
        return figure.startsWith(PER_ADAPTER) ? figure.substring(figure.indexOf('.', PER_ADAPTER.length()) + 1) : figure;
    }

    /** The figure's value in the run's results.json; null when the run has none (no success, no SLO, no adapter). */
    static Double read(JsonNode results, String figure) {
        if (!figure.startsWith(PER_ADAPTER)) {
            return number(results.path(figure));
        }
        boolean max = figure.startsWith(PER_ADAPTER + "max.");
        String name = base(figure);
        Double chosen = null;
        for (JsonNode adapter : results.path("adapter_stats")) {
            Double value = number(adapter.path(name));
            if (value != null && (chosen == null || (max ? value > chosen : value < chosen))) {
                chosen = value;
            }
        }
        return chosen;
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }
}
