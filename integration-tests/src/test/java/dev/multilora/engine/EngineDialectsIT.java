package dev.multilora.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.run.RunOutcome;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * A full managed run per engine against the bundled stand-in speaking that engine's dialect: the
 * engine's own command line, readiness, adapter listing and request fields, end to end. The
 * stand-in says which adapter really ran each request, and a request the engine answered with
 * another adapter would fail: every request succeeding is the proof that none ran the base model
 * in an adapter's name.
 */
class EngineDialectsIT extends PipelineTestSupport {
    private static final Path VLLM_SIM = Path.of("bin/vllm-sim").toAbsolutePath();
    private static final Path GGUF = Path.of("src/test/resources/gguf-adapters").toAbsolutePath();
    private static final Path FORTY = DATASETS.resolve("forty.jsonl");

    private final ObjectMapper json = new ObjectMapper();
    private final int port = freePort();

    @Test
    void llamaCppSelectsEachAdapterByIdOnFreshConnections() throws IOException {
        writeConfig("llamacpp", GGUF, "  max_num_seqs: 4\n", "");

        RunOutcome outcome = bench(FORTY);

        assertEveryRequestRanItsOwnAdapter(outcome);
        JsonNode results = json.readTree(outcome.folder().resolve("results.json").toFile());
        assertTrue(results.get("environment").get("server_version").asText().contains("sim"), "from /props build_info");
    }

    @Test
    void sglangSelectsEachAdapterAsBaseColonAdapterAlsoOnChat() throws IOException {
        writeConfig("sglang", FIXTURE_ADAPTERS, "", "  endpoint: chat\n");

        RunOutcome outcome = bench(FORTY);

        assertEveryRequestRanItsOwnAdapter(outcome);
    }

    @Test
    void tgiSelectsEachAdapterByIdAndTheBaseAsTgi() throws IOException {
        writeConfig("tgi", FIXTURE_ADAPTERS, "", "");

        RunOutcome outcome = bench(FORTY);

        assertEveryRequestRanItsOwnAdapter(outcome);
        JsonNode results = json.readTree(outcome.folder().resolve("results.json").toFile());
        assertTrue(results.get("environment").get("server_version").asText().contains("sim"), "from /info version");
    }

    private void assertEveryRequestRanItsOwnAdapter(RunOutcome outcome) throws IOException {
        assertTrue(outcome.isCompleted(), outcome.message());
        List<CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv"));
        assertEquals(40, rows.size());
        assertEquals(List.of(), rows.stream().filter(row -> !row.get("error").isEmpty()).map(row -> row.get("error")).distinct().toList());
        assertEquals(Map.of("alpha", 10L, "beta", 10L, "gamma", 10L, BASE_MODEL, 10L),
                rows.stream().collect(Collectors.groupingBy(row -> row.get("adapter_name"), Collectors.counting())));
    }

    private void writeConfig(String engine, Path adapters, String serverKeys, String generationKeys) throws IOException {
        Files.writeString(configFile(), """
                model:
                  name: %s
                server:
                  engine: %s
                  mode: managed
                  command: [%s, --sim-dialect, %s]
                  extra_args: [--sim-decode-ms, "2", --sim-lora-load-ms, "5"]
                  host: 127.0.0.1
                  port: %d
                  startup_timeout_s: 60
                %slora:
                  adapters_dir: %s
                benchmark:
                  concurrency: 4
                  client_warmup_requests: 20
                generation:
                  max_tokens: 8
                %spaths:
                  outbox: outbox
                """.formatted(BASE_MODEL, engine, VLLM_SIM, engine, port, serverKeys, adapters, generationKeys));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
