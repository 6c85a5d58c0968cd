package dev.multilora.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.ConfigLoader;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * A sweep against the bundled stand-in as a managed child process: the points of one server
 * combination share one server, started once. Runs after packaging (failsafe), since bin/vllm-sim
 * needs the jar.
 */
class SweepServerCombinationsIT extends PipelineTestSupport {
    private static final Path VLLM_SIM = Path.of("bin/vllm-sim").toAbsolutePath();

    private final ObjectMapper json = new ObjectMapper();
    private final int port = freePort();

    @Test
    void eachServerCombinationStartsOneServer() throws IOException {
        writeConfig(Map.of());
        Path config = Files.writeString(work().resolve("managed.yaml"), """
                model: {name: %s}
                server:
                  mode: managed
                  command: [%s, serve]
                  extra_args: ["--sim-decode-ms", "2", "--sim-lora-load-ms", "5"]
                  host: 127.0.0.1
                  port: %d
                  startup_timeout_s: 60
                lora: {adapters_dir: %s, max_loras: 1, max_cpu_loras: 2}
                benchmark: {client_warmup_requests: 0}
                generation: {max_tokens: 2}
                paths: {outbox: outbox}
                """.formatted(BASE_MODEL, VLLM_SIM, port, FIXTURE_ADAPTERS));
        Path dataset = Files.writeString(work().resolve("four.jsonl"), """
                {"prompt": "one", "adapter_name": "alpha"}
                {"prompt": "two", "adapter_name": "beta"}
                {"prompt": "three", "adapter_name": "gamma"}
                {"prompt": "four", "adapter_name": "alpha"}
                """);
        Path file = Files.writeString(work().resolve("s.sweep.yaml"), """
                base: managed.yaml
                dataset: four.jsonl
                repeats: 1
                grid:
                  lora.max_loras: [1, 2]
                  benchmark.concurrency: [1, 2]
                """);
        SweepPlan plan = new SweepFile(new ConfigLoader(Map.of(), new Properties(), work())).read(file, config);

        SweepOutcome outcome = template.requestBody("direct:sweep", new SweepRequest(plan, null), SweepOutcome.class);

        assertEquals(4, outcome.ran());
        assertEquals(0, outcome.notDone());
        List<String> launches = new ArrayList<>();
        for (CSVRecord row : readCsv(outcome.folder().resolve("summary.csv"))) {
            JsonNode results = json.readTree(outcome.folder().resolve(row.get("run")).resolve("results.json").toFile());
            launches.add(row.get("lora.max_loras") + (results.path("server").path("fresh").asBoolean() ? " fresh" : " reused"));
        }
        assertEquals(List.of("1 fresh", "1 reused", "2 fresh", "2 reused"), launches,
                "one server per lora.max_loras, reused by the point that only changes benchmark.concurrency");
        assertTrue(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).noneMatch(p -> p.info().commandLine()
                .map(c -> c.contains("dev.multilora.sim") && c.contains("--port " + port)).orElse(false)), "the sweep stops its server at the end");
    }

    /**
     * One request at a time (--max-num-seqs 1), ten 10.7 ms decode steps each: the stand-in serves
     * about 9.3 requests a second. Arrivals evenly spaced, so below that no request waits and above
     * it each waits longer than the one before: the p99 TTFT of 24 requests crosses 250 ms at about
     * 10 req/s, and the search must find its way there.
     */
    @Test
    void aCapacitySearchFindsTheRateTheStandInSustains() throws IOException {
        writeConfig(Map.of());
        Path config = Files.writeString(work().resolve("one-at-a-time.yaml"), """
                model: {name: %s}
                server:
                  mode: managed
                  command: [%s, serve]
                  extra_args: ["--max-num-seqs", "1", "--sim-decode-ms", "10", "--sim-eos-probability", "0"]
                  host: 127.0.0.1
                  port: %d
                  startup_timeout_s: 60
                lora: {adapters_dir: %s, max_loras: 1, max_cpu_loras: 1}
                benchmark: {client_warmup_requests: 0, burstiness: 1000, num_requests: 24}
                generation: {max_tokens: 10, ignore_eos: true}
                paths: {outbox: outbox}
                """.formatted(BASE_MODEL, VLLM_SIM, port, FIXTURE_ADAPTERS));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            lines.append("{\"prompt\": \"request ").append(i).append("\", \"adapter_name\": \"alpha\"}\n");
        }
        Files.writeString(work().resolve("alpha.jsonl"), lines);
        Path file = Files.writeString(work().resolve("capacity.sweep.yaml"), """
                base: one-at-a-time.yaml
                dataset: alpha.jsonl
                repeats: 1
                search:
                  variable: benchmark.request_rate
                  low: 3
                  high: 24
                  tolerance: 1
                  constraints: ["p99_ttft_ms <= 250"]
                """);
        SweepPlan plan = new SweepFile(new ConfigLoader(Map.of(), new Properties(), work())).read(file, config);

        SweepOutcome outcome = template.requestBody("direct:sweep", new SweepRequest(plan, null), SweepOutcome.class);

        Bisection.Result result = outcome.capacities().get(0).result();
        assertTrue(result.highest() != null && result.highest() >= 7 && result.highest() <= 11.5,
                "about 10 req/s, not " + result.highest() + " (probes " + result.probes() + ")");
        double lowestMissed = result.probes().stream().filter(p -> !p.passed()).mapToDouble(Bisection.Probe::value).min().orElseThrow();
        assertTrue(lowestMissed - result.highest() <= 1, "converged within its tolerance: " + result.probes());
        assertTrue(result.probes().stream().allMatch(p -> p.passed() == (p.value() <= result.highest())),
                "every probe at or below the answer met the target, every one above missed it: " + result.probes());
        assertEquals(result.probes().size(), readCsv(outcome.folder().resolve("summary.csv")).size(), "every probe is a run folder");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
