package dev.multilora.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.config.ConfigException;
import dev.multilora.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepFileTest {
    private static final Path ADAPTERS = Path.of("src/test/resources/adapters").toAbsolutePath();

    @TempDir
    Path work;

    private Path config() throws IOException {
        return Files.writeString(work.resolve("config.yaml"), """
                model: {name: base-model}
                server: {command: [bin/vllm-sim, serve], port: 18999}
                lora: {adapters_dir: %s, max_loras: 1, max_cpu_loras: 4}
                benchmark: {dataset_path: data.jsonl}
                """.formatted(ADAPTERS));
    }

    private SweepPlan read(String sweep) throws IOException {
        Path config = config();
        Files.writeString(work.resolve("data.jsonl"), "{\"prompt\": \"hi\", \"adapter_name\": \"alpha\"}\n");
        Path file = Files.writeString(work.resolve("s.sweep.yaml"), sweep);
        return new SweepFile(new ConfigLoader(Map.of(), new Properties(), work)).read(file, config);
    }

    private String error(String sweep) {
        return assertThrows(ConfigException.class, () -> read(sweep)).getMessage();
    }

    @Test
    void aGridIsTheCartesianProductGroupedByServerCombination() throws IOException {
        SweepPlan plan = read("""
                repeats: 1
                grid:
                  benchmark.concurrency: [1, 2]
                  lora.max_loras: [1, 2]
                """);

        assertEquals("s", plan.name());
        assertEquals(List.of("benchmark.concurrency", "lora.max_loras"), plan.sweptKeys());
        assertEquals(4, plan.points().size());
        assertEquals(2, plan.serverCombinations(), "lora.max_loras changes the launch, benchmark.concurrency does not");
        assertEquals(List.of(1, 3, 2, 4), plan.points().stream().map(SweepPoint::number).toList(),
                "the points of one server combination follow each other");
        assertEquals(List.of(1, 1, 2, 2), plan.points().stream().map(SweepPoint::serverCombination).toList());
    }

    @Test
    void copiesMultiplyTheAdapters() throws IOException {
        SweepPlan plan = read("points: [{lora.copies: 1}, {lora.copies: 4}]\n");

        assertEquals(List.of(3, 12), plan.points().stream().map(SweepPoint::adapters).toList());
        assertEquals(3, plan.repeats(), "three repeats unless told");
    }

    @Test
    void unknownKeysAreNamedWithASuggestion() {
        String where = "sweep file " + work.resolve("s.sweep.yaml");
        assertEquals(where + ": grid.lora.max_lora: unknown key (did you mean 'lora.max_loras'?)",
                error("grid: {lora.max_lora: [1, 2]}\n"));
        assertEquals(where + ": points[1].benchmark.concurency: unknown key (did you mean 'benchmark.concurrency'?)",
                error("points: [{benchmark.concurrency: 2}, {benchmark.concurency: 4}]\n"));
        assertTrue(error("grids: {lora.max_loras: [1]}\n").startsWith(where + ": grids: unknown key (did you mean 'grid'?)"));
        assertTrue(error("grid: {benchmark.concurrency: [1]}\nsearch: {variable: benchmark.request_rate, low: 1, high: 8,"
                + " constraints: [p99_ttf_ms <= 500]}\n").contains("search.constraints[0]: p99_ttf_ms: unknown figure (did you mean 'p99_ttft_ms'?)"));
    }

    @Test
    void badValuesAreNamedWithTheirKey() {
        assertTrue(error("grid: {benchmark.concurrency: [1, 5000]}\n")
                .endsWith("grid.benchmark.concurrency = 5000: must be in 1..1024"), error("grid: {benchmark.concurrency: [1, 5000]}\n"));
        assertTrue(error("grid: {lora.max_loras: 2}\n").endsWith("grid.lora.max_loras: expected a non-empty list of values, e.g. [1, 2, 4]"));
        String together = error("grid: {lora.max_loras: [2, 8]}\n");
        assertTrue(together.contains("point 2 (lora.max_loras=8): ") && together.contains("lora.max_cpu_loras = 4 must be >= lora.max_loras = 8"),
                together);
        assertTrue(error("grid: {benchmark.request_rate: [1, 2]}\nsearch: {variable: benchmark.request_rate, low: 1, high: 8,"
                + " constraints: [p99_ttft_ms <= 500]}\n").contains("search.variable: benchmark.request_rate is also swept"));
        assertTrue(error("search: {variable: benchmark.concurrency, low: 1, high: 8, constraints: [slo_attainment_pct >= 99]}\n")
                .contains("slo_attainment_pct >= 99 needs benchmark.slo"));
        assertTrue(error("search: {variable: benchmark.concurrency, low: 0, high: 8, constraints: [p99_ttft_ms <= 5]}\n")
                .contains("search.low = 0: not a valid benchmark.concurrency: must be in 1..1024"));
    }
}
