package dev.multilora.report.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Puts runs side by side from their results.json: which figures moved, per adapter too, and what in the config changed. */
public final class RunsSideBySide {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A results.json key, its label for people, and which way is better. */
    private record Key(String key, String label, boolean higherIsBetter) {
    }

    private static final List<Key> OVERALL = List.of(
            new Key("request_throughput", "requests/s", true),
            new Key("output_throughput", "output tokens/s", true),
            new Key("mean_ttft_ms", "TTFT mean (ms)", false),
            new Key("median_ttft_ms", "TTFT median (ms)", false),
            new Key("p99_ttft_ms", "TTFT p99 (ms)", false),
            new Key("median_tpot_ms", "TPOT median (ms)", false),
            new Key("p99_tpot_ms", "TPOT p99 (ms)", false),
            new Key("p99_itl_ms", "ITL p99 (ms)", false),
            new Key("median_e2el_ms", "E2EL median (ms)", false),
            new Key("p99_e2el_ms", "E2EL p99 (ms)", false),
            new Key("request_goodput", "goodput (req/s)", true),
            new Key("slo_attainment_pct", "SLO met (%)", true),
            new Key("successful_requests", "successful requests", true),
            new Key("failed_requests", "failed requests", false));
    private static final List<Key> PER_ADAPTER = List.of(
            new Key("requests_per_sec", "requests/s", true),
            new Key("p50_ttft_ms", "TTFT p50 (ms)", false),
            new Key("p95_ttft_ms", "TTFT p95 (ms)", false),
            new Key("p95_tpot_ms", "TPOT p95 (ms)", false),
            new Key("p95_e2el_ms", "E2EL p95 (ms)", false),
            new Key("failed", "failed requests", false));

    public RunsComparison compare(List<ComparedRun> runs) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("give at least two run folders to compare");
        }
        List<JsonNode> documents = runs.stream().map(ComparedRun::results).toList();
        List<RunsComparison.Figure> overall = OVERALL.stream().map(key -> figure(key, documents)).toList();
        TreeSet<String> adapters = new TreeSet<>();
        documents.forEach(document -> document.path("adapter_stats").fieldNames().forEachRemaining(adapters::add));
        Map<String, List<RunsComparison.Figure>> perAdapter = new LinkedHashMap<>();
        for (String adapter : adapters) {
            List<JsonNode> stats = documents.stream().map(document -> document.path("adapter_stats").path(adapter)).toList();
            perAdapter.put(adapter, PER_ADAPTER.stream().map(key -> figure(key, stats)).toList());
        }
        return new RunsComparison(runs.stream().map(ComparedRun::name).toList(),
                documents.stream().map(document -> document.path("status").asText("unknown")).toList(),
                overall, perAdapter, configChanges(documents));
    }

    private static RunsComparison.Figure figure(Key key, List<JsonNode> sections) {
        List<Double> values = sections.stream().map(section -> section.path(key.key()))
                .map(value -> value.isNumber() ? value.asDouble() : null).toList();
        List<Double> changes = new ArrayList<>();
        Double baseline = values.get(0);
        for (Double value : values) {
            changes.add(changes.isEmpty() || baseline == null || value == null || baseline == 0 ? null : (value - baseline) / baseline * 100);
        }
        return new RunsComparison.Figure(key.key(), key.label(), values, changes, key.higherIsBetter());
    }

    /** The dotted config keys whose values differ between any two runs, with each run's value. */
    private static Map<String, List<Object>> configChanges(List<JsonNode> documents) {
        List<Map<String, Object>> flat = documents.stream().map(document -> flatten(document.path("config"))).toList();
        TreeSet<String> keys = new TreeSet<>();
        flat.forEach(config -> keys.addAll(config.keySet()));
        Map<String, List<Object>> changes = new TreeMap<>();
        for (String key : keys) {
            List<Object> values = flat.stream().map(config -> config.get(key)).toList();
            if (values.stream().distinct().count() > 1) {
                changes.put(key, values);
            }
        }
        return changes;
    }

    private static Map<String, Object> flatten(JsonNode config) {
        Map<String, Object> flat = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> sections = config.fields(); sections.hasNext(); ) {
            Map.Entry<String, JsonNode> section = sections.next();
            for (Iterator<Map.Entry<String, JsonNode>> keys = section.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                flat.put(section.getKey() + "." + key.getKey(), JSON.convertValue(key.getValue(), Object.class));
            }
        }
        return flat;
    }
}
