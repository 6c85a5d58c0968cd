package dev.multilora.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsSideBySideTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private static ComparedRun run(String name, String results) throws IOException {
        return new ComparedRun(name, Path.of(name), JSON.readTree(results), new double[0], new double[0]);
    }

    private static ComparedRun baseline() throws IOException {
        return run("a", """
                {"status": "completed", "request_throughput": 10.0, "p99_ttft_ms": 200.0, "failed_requests": 0,
                 "adapter_stats": {"alpha": {"requests_per_sec": 5.0, "p95_ttft_ms": 100.0}},
                 "config": {"benchmark": {"concurrency": 8}, "lora": {"max_loras": 2}}}""");
    }

    @Test
    void eachFigureMovesAgainstTheFirstRunOverallAndPerAdapter() throws IOException {
        ComparedRun later = run("b", """
                {"status": "completed", "request_throughput": 12.5, "p99_ttft_ms": 150.0, "failed_requests": 2,
                 "adapter_stats": {"alpha": {"requests_per_sec": 4.0, "p95_ttft_ms": 300.0}, "beta": {"requests_per_sec": 1.0}},
                 "config": {"benchmark": {"concurrency": 16}, "lora": {"max_loras": 2}}}""");

        RunsComparison comparison = new RunsSideBySide().compare(List.of(baseline(), later));

        RunsComparison.Figure throughput = figure(comparison.overall(), "request_throughput");
        assertEquals(Arrays.asList(10.0, 12.5), throughput.values());
        assertNull(throughput.changePct().get(0));
        assertEquals(25.0, throughput.changePct().get(1), 1e-9);
        assertEquals(-25.0, figure(comparison.overall(), "p99_ttft_ms").changePct().get(1), 1e-9);
        assertNull(figure(comparison.overall(), "failed_requests").changePct().get(1), "no change from zero");
        assertEquals(200.0, figure(comparison.perAdapter().get("alpha"), "p95_ttft_ms").changePct().get(1), 1e-9);
        assertEquals(Arrays.asList(null, 1.0), figure(comparison.perAdapter().get("beta"), "requests_per_sec").values(),
                "an adapter only one run served");
        assertEquals(Map.of("benchmark.concurrency", List.of(8, 16)), comparison.configChanges());
    }

    @Test
    void aFolderWithoutResultsIsNamedAndOneRunIsNotAComparison() throws IOException {
        Files.writeString(work.resolve("error.txt"), "run failed: no valid line\n");

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ComparedRun.load(work));
        assertTrue(missing.getMessage().contains(work + " is not a run folder with results"), missing.getMessage());
        assertTrue(missing.getMessage().contains("see its error.txt"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RunsSideBySide().compare(List.of(baseline())));
    }

    @Test
    void aRunFolderIsReadWithItsDistributions() throws IOException {
        Files.writeString(work.resolve("results.json"), "{\"status\": \"completed\"}");
        Files.writeString(work.resolve("results.csv"), "request_id,latency,error,ttft\n1,0.5,,0.1\n2,,HTTP 500,\n3,0.7,,0.2\n");

        ComparedRun loaded = ComparedRun.load(work);

        assertEquals(List.of(0.5, 0.7), Arrays.stream(loaded.e2el()).boxed().toList());
        assertEquals(List.of(0.1, 0.2), Arrays.stream(loaded.ttft()).boxed().toList());
        JsonNode results = loaded.results();
        assertEquals("completed", results.get("status").asText());
    }

    private static RunsComparison.Figure figure(List<RunsComparison.Figure> figures, String key) {
        return figures.stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
    }
}
