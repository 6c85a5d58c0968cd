package dev.multilora.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multilora.results.AdapterColdStart;
import dev.multilora.results.AdapterPopularity;
import dev.multilora.results.AdapterServing;
import dev.multilora.results.AdapterStats;
import dev.multilora.results.ColdStartFigures;
import dev.multilora.results.Comparison;
import dev.multilora.results.Distribution;
import dev.multilora.results.EndpointStats;
import dev.multilora.results.RunResults;
import dev.multilora.results.RunStatus;
import dev.multilora.results.ServerMetricsFigures;
import dev.multilora.results.SloFigures;
import dev.multilora.results.TestResults;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsJsonTest {
    private static final Distribution SOME = new Distribution(12.0, 10.0, 3.0, 10.0, 20.0, 25.0, 30.0);
    /** Where the keys are adapter names, the shape is the same under each: one stands for all. */
    private static final List<String> KEYED_BY_ADAPTER = List.of("/adapter_stats", "/adapter_cold_starts",
            "/warmup/adapter_stats", "/adapter_distribution/realized", "/server/endpoints");

    private final ResultsJson json = new ResultsJson();

    /** Every variant part present: served adapters, known cold starts, random assignment, server metrics, a comparison. */
    private static RunResults everything() {
        AdapterServing serving = new AdapterServing(1.0, 20.0, new SloFigures(0.5, 50.0), SOME, SOME, SOME, SOME);
        return new TestResults()
                .adapterStats(Map.of("alpha", new AdapterStats(3, 0.1, 0.2, 2, 1, serving)))
                .serving(TestResults.serving(SOME, SOME, SOME, new SloFigures(4.5, 90.0)))
                .coldStarts(new ColdStartFigures("server-reported", Map.of("alpha",
                        new AdapterColdStart(1, 1, 800.0, 200.0, 600.0, 1500.0, 900.0, 600.0, 40.0))))
                .popularity(new AdapterPopularity("zipf", 1.2, Map.of("alpha", 3L)))
                .serverMetrics(new ServerMetricsFigures(null, 100.0, 200.0, 100, 200, 12))
                .endpoints(Map.of("http://gpu-1:8000", new EndpointStats(3, 2, 1, 1.0, SOME, SOME)))
                .adapters(List.of(new RunResults.CatalogAdapter("alpha", Path.of("/adapters/alpha"), 8)))
                .excluded(List.of(new RunResults.ExcludedAdapter("too_big", "rank 64 > max_lora_rank 16")))
                .comparison(new Comparison("data-1", "2026-01-01T00:00:00", null, "abc", "abd",
                        List.of(new Comparison.Change("p95_latency", 0.2, 0.25, 25.0, 10.0, true)), List.of("p95_latency")))
                .build();
    }

    @Test
    void keysAreApiMdsInItsOrderThenOursAsTheyHaveBeen() throws IOException {
        List<String> expected;
        try (InputStream keys = getClass().getResourceAsStream("/results-json-keys.txt")) {
            expected = new String(keys.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        }

        assertEquals(expected, keyPaths(json.render(everything()), ""));
    }

    @Test
    void reasonsAppearOnlyForHowTheRunEnded() {
        ObjectNode completed = json.render(new TestResults().build());
        ObjectNode interrupted = json.render(new TestResults()
                .ended(RunStatus.INTERRUPTED, new RunResults.EndReasons("SIGTERM", null, null)).build());

        assertEquals("completed", completed.get("status").asText());
        assertFalse(completed.has("interrupt_reason") || completed.has("failure_reason") || completed.has("stop_reason"));
        assertEquals("interrupted", interrupted.get("status").asText());
        assertEquals("SIGTERM", interrupted.get("interrupt_reason").asText());
        assertFalse(interrupted.has("failure_reason"));
    }

    @Test
    void unknownColdStartsAndNoComparisonSayWhy() {
        ObjectNode rendered = json.render(new TestResults().comparison(Comparison.none("no earlier run", "abc")).build());

        assertEquals("unknown", rendered.get("adapter_cold_starts").asText());
        assertTrue(rendered.get("adapter_distribution").isNull(), "null unless adapters are drawn at random");
        assertTrue(rendered.get("comparison").get("previous_run").isNull());
        assertEquals("no earlier run", rendered.get("comparison").get("reason").asText());
        assertEquals(List.of("available", "reason"), fieldNames(rendered.get("server_metrics")));
        assertTrue(rendered.get("mean_ttft_ms").isNull(), "vLLM's keys are there, null, without samples");
    }

    private static List<String> keyPaths(JsonNode node, String path) {
        List<String> paths = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = KEYED_BY_ADAPTER.contains(path) ? "*" : field.getKey();
            String child = path + "/" + key;
            if (paths.contains(child)) {
                continue;
            }
            paths.add(child);
            JsonNode value = field.getValue();
            if (key.equals("config") || key.equals("environment")) {
                continue;
            }
            if (value.isObject()) {
                paths.addAll(keyPaths(value, child));
            } else if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
                paths.addAll(keyPaths(value.get(0), child + "[]"));
            }
        }
        return paths;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
