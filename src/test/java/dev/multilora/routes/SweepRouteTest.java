package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.ConfigLoader;
import dev.multilora.observe.CurrentRun;
import dev.multilora.sweep.SweepFile;
import dev.multilora.sweep.SweepOutcome;
import dev.multilora.sweep.SweepPlan;
import dev.multilora.sweep.SweepRequest;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class SweepRouteTest extends PipelineTestSupport {
    private static final String GRID = """
            repeats: 1
            grid:
              benchmark.concurrency: [1, 2]
              generation.max_tokens: [3, 4]
            """;
    private final ObjectMapper json = new ObjectMapper();

    private SweepPlan plan(String sweep) throws IOException {
        writeConfig(Map.of());
        Path dataset = Files.writeString(work().resolve("six.jsonl"), String.join("\n",
                List.of("alpha", "beta", "gamma", "alpha", "beta", "gamma").stream()
                        .map(a -> "{\"prompt\": \"hello " + a + "\", \"adapter_name\": \"" + a + "\"}").toList()) + "\n");
        Path file = Files.writeString(work().resolve("test.sweep.yaml"), "dataset: " + dataset + "\n" + sweep);
        return new SweepFile(new ConfigLoader(Map.of(), new Properties(), work())).read(file, configFile());
    }

    private SweepOutcome sweep(SweepPlan plan, Path resume) {
        return template.requestBody("direct:sweep", new SweepRequest(plan, resume), SweepOutcome.class);
    }

    private List<Path> runFolders(Path sweepFolder) throws IOException {
        try (Stream<Path> children = Files.list(sweepFolder)) {
            return children.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p.resolve("results.json")))
                    .sorted().toList();
        }
    }

    @Test
    void aTwoByTwoGridGivesFourRunsAndASummaryOfTheirOwnResults() throws IOException {
        SweepOutcome outcome = sweep(plan(GRID), null);

        assertEquals(4, outcome.ran());
        assertEquals(0, outcome.notDone());
        assertEquals(4, runFolders(outcome.folder()).size(), "each run is an ordinary run folder inside the sweep folder");
        assertTrue(outcome.folder().getFileName().toString().startsWith("sweep-test-"));
        assertTrue(outcome.folder().startsWith(outbox()));
        List<CSVRecord> rows = readCsv(outcome.folder().resolve("summary.csv"));
        assertEquals(4, rows.size());
        JsonNode summary = json.readTree(outcome.folder().resolve("summary.json").toFile());
        assertEquals(4, summary.path("rows").size());
        java.util.Set<String> combinations = new java.util.HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            JsonNode results = json.readTree(outcome.folder().resolve(row.get("run")).resolve("results.json").toFile());
            assertEquals("completed", row.get("status"));
            assertEquals(results.path("config").path("benchmark").path("concurrency").asText(), row.get("benchmark.concurrency"));
            assertEquals(results.path("config").path("generation").path("max_tokens").asText(), row.get("generation.max_tokens"));
            combinations.add(row.get("benchmark.concurrency") + "x" + row.get("generation.max_tokens"));
            for (String figure : List.of("request_throughput", "output_throughput", "p50_ttft_ms", "p99_ttft_ms", "p99_e2el_ms")) {
                assertEquals(results.path(figure).asDouble(), Double.parseDouble(row.get(figure)), figure + " of " + row.get("run"));
                assertEquals(results.path(figure).asDouble(), summary.path("rows").path(i).path(figure).asDouble(), figure);
            }
            double worst = 0;
            for (JsonNode adapter : results.path("adapter_stats")) {
                worst = Math.max(worst, adapter.path("p95_ttft_ms").asDouble());
            }
            assertEquals(worst, Double.parseDouble(row.get("worst_adapter_p95_ttft_ms")));
            assertEquals(results.path("fairness").path("jain_index_mean_e2el").asDouble(), Double.parseDouble(row.get("jain_index_mean_e2el")));
            assertEquals(3, Integer.parseInt(row.get("adapters")));
        }
        assertEquals(java.util.Set.of("1x3", "1x4", "2x3", "2x4"), combinations);
        assertTrue(Files.isRegularFile(outcome.folder().resolve("sweep.json")));
        assertTrue(Files.isRegularFile(outcome.folder().resolve("plots/throughput_vs_p99_latency.png")));
        String page = Files.readString(outcome.folder().resolve("sweep.html"));
        for (CSVRecord row : rows) {
            assertTrue(page.contains("<a href=\"" + row.get("run") + "/report.html\">"), "each run links to its report");
        }
        assertTrue(page.contains("<img src=\"plots/throughput_vs_p99_latency.png\""), "the plots are on the page");
        assertTrue(page.contains("status completed"));
    }

    /** The run open now, once it is not the first one any more (which stays open for a moment after it is published). */
    private static java.util.Optional<dev.multilora.run.BenchmarkRun> secondRun(CurrentRun current) {
        return current.open().filter(run -> !Files.exists(run.folder().finished()));
    }

    @Test
    void resumeAfterAnInterruptionRunsOnlyWhatIsMissing() throws Exception {
        server().holdMillis(250);
        SweepPlan plan = plan(GRID);
        CurrentRun current = context.getRegistry().lookupByNameAndType("currentRun", CurrentRun.class);
        Thread interrupter = new Thread(() -> {
            try {
                await(() -> {
                    try (Stream<Path> sweeps = Files.list(outbox())) {
                        Path folder = sweeps.filter(p -> p.getFileName().toString().startsWith("sweep-")).findFirst().orElse(null);
                        return folder != null && runFolders(folder).size() == 1 && secondRun(current).isPresent();
                    } catch (IOException e) {
                        return false;
                    }
                }, Duration.ofSeconds(60));
                secondRun(current).orElseThrow().interrupt("interrupted by the test");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        interrupter.start();
        SweepOutcome first = sweep(plan, null);
        interrupter.join();

        assertTrue(first.isInterrupted());
        assertEquals(2, first.ran(), "the sweep stops at the interrupted run");
        assertEquals(1, readCsv(first.folder().resolve("summary.csv")).stream().filter(r -> r.get("status").equals("completed")).count(),
                "the finished run is in the summary");

        server().holdMillis(20);
        SweepOutcome resumed = sweep(plan, first.folder());

        assertFalse(resumed.isInterrupted());
        assertEquals(1, resumed.reused());
        assertEquals(3, resumed.ran(), "only the interrupted run and the two never started run");
        List<CSVRecord> rows = readCsv(first.folder().resolve("summary.csv"));
        assertEquals(4, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.get("status").equals("completed")));
        assertEquals(1, rows.stream().filter(r -> r.get("reused").equals("true")).count());
    }

    @Test
    void aSearchReportsTheHighestValueMeetingItsConstraintWithEveryProbeARun() throws IOException {
        SweepOutcome outcome = sweep(plan("""
                repeats: 1
                search:
                  variable: benchmark.concurrency
                  low: 1
                  high: 16
                  constraints: ["max_concurrency <= 5"]
                """), null);

        assertEquals(1, outcome.capacities().size());
        assertEquals(5.0, outcome.capacities().get(0).result().highest());
        List<Double> probes = outcome.capacities().get(0).result().probes().stream().map(p -> p.value()).toList();
        assertEquals(List.of(1.0, 16.0, 8.0, 4.0, 6.0, 5.0), probes);
        assertEquals(probes.size(), runFolders(outcome.folder()).size(), "every probe is a run");
        JsonNode capacity = json.readTree(outcome.folder().resolve("summary.json").toFile()).path("capacity").path(0);
        assertEquals(5.0, capacity.path("highest_passing").asDouble());
        List<CSVRecord> rows = readCsv(outcome.folder().resolve("summary.csv"));
        assertEquals(List.of("true", "false", "false", "true", "false", "true"), rows.stream().map(r -> r.get("meets_constraints")).toList());
        assertTrue(Files.isRegularFile(outcome.folder().resolve("plots/capacity_probes.png")));
        String page = Files.readString(outcome.folder().resolve("sweep.html"));
        assertTrue(page.contains("highest benchmark.concurrency meeting max_concurrency &lt;= 5"), "the capacity table is on the page");
        assertTrue(page.contains("<td>5</td>") && page.contains("1 met, 16 missed, 8 missed, 4 met, 6 missed, 5 met"), "its answer and probes");
    }

    @Test
    void aDroppedSweepRunAgainAfterAnInterruptionFinishesItsUnfinishedFolder() throws IOException {
        SweepPlan plan = plan(GRID);
        SweepOutcome first = sweep(plan, null);
        Path lost = runFolders(first.folder()).get(3);
        deleteTree(lost);
        Path summary = first.folder().resolve("summary.json");
        com.fasterxml.jackson.databind.node.ObjectNode crashed = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(summary.toFile());
        json.writeValue(summary.toFile(), crashed.put("status", "running"));

        SweepOutcome retried = template.requestBody("direct:sweep", SweepRequest.dropped(plan, true), SweepOutcome.class);

        assertEquals(first.folder(), retried.folder(), "it resumed the folder a crash left unfinished");
        assertEquals(3, retried.reused());
        assertEquals(1, retried.ran());
        assertTrue(retried.isCompleted());
        SweepOutcome again = template.requestBody("direct:sweep", SweepRequest.dropped(plan, true), SweepOutcome.class);
        assertTrue(!again.folder().equals(first.folder()) && again.ran() == 4, "a completed sweep is not resumed: it runs anew");
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
