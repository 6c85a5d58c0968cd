package dev.multilora.report.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.multilora.results.Comparison;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunComparisonTest {

    @Test
    void onlyWorseningsBeyondTheirThresholdAreFlagged() {
        Map<String, Object> previous = Map.of("run", "data-1", "p95_latency", 1.0, "requests_per_sec", 10.0,
                "mean_ttft_ms", 100.0, "failed_requests", 0);
        Map<String, Object> current = Map.of("run", "data-2", "p95_latency", 1.2, "requests_per_sec", 9.5,
                "mean_ttft_ms", 80.0, "failed_requests", 1);

        Comparison comparison = RunComparison.of(current, previous);

        assertEquals("data-1", comparison.previousRun());
        assertEquals(List.of("p95_latency", "failed_requests"), comparison.flagged(),
                "req/s -5% and a faster TTFT are within bounds");
    }

    @Test
    void pathsAndMetricsSettingsDoNotChangeTheConfigHash() {
        Map<String, Object> config = Map.of("benchmark", Map.of("concurrency", 4, "dataset_path", "/a/data.jsonl"),
                "paths", Map.of("outbox", "/a/outbox"), "metrics", Map.of("port", 9100));
        Map<String, Object> elsewhere = Map.of("benchmark", Map.of("concurrency", 4, "dataset_path", "/b/data.jsonl"),
                "paths", Map.of("outbox", "/b/outbox"), "api", Map.of("port", 8080), "notify", Map.of("endpoints", List.of("file:x")),
                "inbox", Map.of("done_file", "${file:name}.done"));
        Map<String, Object> moreConcurrent = Map.of("benchmark", Map.of("concurrency", 8, "dataset_path", "/a/data.jsonl"));

        assertEquals(ConfigFingerprint.of(config), ConfigFingerprint.of(elsewhere));
        assertNotEquals(ConfigFingerprint.of(config), ConfigFingerprint.of(moreConcurrent));
    }

    @Test
    void theDefaultEndpointKeepsTheHashOfRunsMadeBeforeTheKeyExistedAndChatChangesIt() {
        Map<String, Object> before = Map.of("generation", Map.of("max_tokens", 128));
        Map<String, Object> completions = Map.of("generation", Map.of("max_tokens", 128, "endpoint", "completions"));
        Map<String, Object> chat = Map.of("generation", Map.of("max_tokens", 128, "endpoint", "chat"));

        assertEquals(ConfigFingerprint.of(before), ConfigFingerprint.of(completions));
        assertNotEquals(ConfigFingerprint.of(completions), ConfigFingerprint.of(chat));
    }
}
