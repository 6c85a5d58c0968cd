package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An adapter set NAME.adapters/ dropped with its dataset is the catalog a managed server is started
 * with for that run. Runs after packaging (failsafe), since bin/vllm-sim needs the jar.
 */
class InboxAdapterSetIT extends PipelineTestSupport {
    private static final Path VLLM_SIM = Path.of("bin/vllm-sim").toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Override
    protected boolean watchMode() {
        return true;
    }

    @Test
    void theAdapterSetDeliveredWithADatasetIsItsRunsCatalog() throws Exception {
        writeManagedConfig();
        Path adapters = Files.createDirectories(inbox().resolve("release.adapters"));
        InboxRouteTest.copyFolder(FIXTURE_ADAPTERS.resolve("beta"), adapters.resolve("release_candidate"));
        Path dataset = work().resolve("release.staging");
        Files.writeString(dataset, "{\"prompt\": \"new adapter 1\", \"adapter_name\": \"release_candidate\"}\n"
                + "{\"prompt\": \"new adapter 2\", \"adapter_name\": \"release_candidate\"}\n");
        Files.move(dataset, inbox().resolve("release.jsonl"), StandardCopyOption.ATOMIC_MOVE);

        Path run = awaitRunFolder("release-");

        JsonNode results = new ObjectMapper().readTree(run.resolve("results.json").toFile());
        assertEquals("completed", results.get("status").asText(), results.toString());
        assertEquals(List.of("release_candidate"), results.get("adapters").findValuesAsText("name"),
                "the delivered set, not lora.adapters_dir, is the catalog");
        assertEquals(2, results.get("adapter_stats").get("release_candidate").get("successful").asInt());
    }

    private Path awaitRunFolder(String prefix) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            try (Stream<Path> folders = Files.list(outbox())) {
                List<Path> found = folders.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
                if (!found.isEmpty()) {
                    return found.get(0);
                }
            } catch (java.nio.file.NoSuchFileException notYet) {
                // the outbox appears with the first run folder
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no run folder " + prefix + "* within " + PATIENCE);
    }

    private void writeManagedConfig() throws IOException {
        Files.writeString(configFile(), """
                model:
                  name: %s
                server:
                  mode: managed
                  command: [%s, serve]
                  extra_args: ["--sim-decode-ms", "2", "--sim-lora-load-ms", "5"]
                  host: 127.0.0.1
                  port: %d
                  startup_timeout_s: 60
                  keep_alive: false
                lora:
                  adapters_dir: %s
                  max_loras: 2
                benchmark:
                  client_warmup_requests: 20
                generation:
                  max_tokens: 4
                paths:
                  inbox: inbox
                  outbox: outbox
                """.formatted(BASE_MODEL, VLLM_SIM, freePort(), FIXTURE_ADAPTERS));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
