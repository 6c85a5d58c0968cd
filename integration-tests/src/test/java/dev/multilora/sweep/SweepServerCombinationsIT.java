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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
