package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.run.RunOutcome;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservabilityRouteTest extends PipelineTestSupport {
    private static final Path FORTY = DATASETS.resolve("forty.jsonl");

    private static final int METRICS_PORT = freePort();

    private final ObjectMapper json = new ObjectMapper();

    /** The metrics port is the process's: read once from the config the pipeline starts with. */
    @Override
    protected String extraConfig() {
        return "metrics:\n  port: " + METRICS_PORT + "\n";
    }

    @Test
    void theSecondRunOfADatasetIsComparedWithTheFirst() throws IOException {
        RunOutcome first = bench(FORTY);
        RunOutcome second = bench(FORTY);

        JsonNode firstComparison = results(first).get("comparison");
        assertTrue(firstComparison.get("previous_run").isNull());
        JsonNode comparison = results(second).get("comparison");
        assertEquals(first.folder().getFileName().toString(), comparison.get("previous_run").asText());
        List<String> metrics = json.convertValue(comparison.get("changes").findValues("metric"), json.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertTrue(metrics.containsAll(List.of("p95_latency", "requests_per_sec", "mean_ttft_ms")), metrics.toString());
        assertTrue(comparison.get("flagged").isArray());
        String report = Files.readString(second.folder().resolve("report.html"));
        assertTrue(report.contains(first.folder().getFileName().toString()));
        assertTrue(report.contains("<a href=\"comparison/comparison.html\">"), "report.html links the side-by-side view");
        JsonNode sideBySide = json.readTree(second.folder().resolve("comparison/comparison.json").toFile());
        assertEquals(List.of(first.folder().getFileName().toString(), second.folder().getFileName().toString()),
                json.convertValue(sideBySide.get("runs"), json.getTypeFactory().constructCollectionType(List.class, String.class)));
        JsonNode successful = null;
        for (JsonNode figure : sideBySide.get("overall")) {
            successful = figure.get("key").asText().equals("successful_requests") ? figure : successful;
        }
        assertEquals("[40.0,40.0]", successful.get("values").toString(), "both runs' own figures");
        assertTrue(Files.isRegularFile(second.folder().resolve("comparison/comparison.html")));
        assertFalse(Files.exists(first.folder().resolve("comparison")), "the first run had nothing to compare with");

        List<String> history = Files.readAllLines(outbox().resolve("runs.jsonl"));
        assertEquals(2, history.size());
        JsonNode line = json.readTree(history.get(1));
        assertEquals(second.folder().getFileName().toString(), line.get("run").asText());
        assertEquals("completed", line.get("status").asText());
        assertEquals(40, line.get("successful_requests").asInt());
        assertTrue(line.get("p95_latency").asDouble() > 0);
        assertTrue(line.get("mean_ttft_ms").asDouble() > 0);
    }

    @Test
    void aRunWithAnotherConfigIsNotComparedWithIt() throws IOException {
        bench(FORTY);
        RunOutcome other = bench(FORTY, Map.of("generation.max_tokens", "3"));

        assertTrue(results(other).get("comparison").get("previous_run").isNull());
    }

    @Test
    void aCompletedRunHasTheSuccessMarkerAndTheMetricsSnapshot() throws IOException {
        RunOutcome outcome = bench(FORTY);

        Path marker = outcome.folder().resolve("_SUCCESS");
        assertTrue(Files.isRegularFile(marker));
        assertEquals(0, Files.size(marker));
        String prom = Files.readString(outcome.folder().resolve("metrics.prom"));
        assertTrue(prom.contains("multilora_request_seconds_count{"), prom);
        for (String adapter : List.of("alpha", "beta")) {
            assertTrue(prom.contains("multilora_request_ttft_seconds_bucket{adapter=\"" + adapter + "\",le=\"0.1\"}"), prom);
            assertTrue(prom.contains("multilora_request_tpot_seconds_bucket{adapter=\"" + adapter + "\",le=\"0.01\"}"), prom);
            assertTrue(prom.contains("multilora_request_seconds_bucket{adapter=\"" + adapter + "\",outcome=\"success\",le=\"0.3\"}"), prom);
        }
        assertTrue(prom.contains("multilora_tokens_total{kind=\"output\"}"), prom);
        assertTrue(prom.contains("multilora_requests_in_flight"), prom);
    }

    @Test
    void theServersOwnMetricsAreScrapedAndCrossChecked() throws IOException {
        RunOutcome outcome = bench(FORTY);

        JsonNode server = results(outcome).get("server_metrics");
        assertTrue(server.get("available").asBoolean(), server.toString());
        assertTrue(server.get("samples").asInt() >= 2, "before and after at least");
        assertEquals(server.get("client_output_tokens").asDouble(), server.get("generation_tokens_delta").asDouble());
        assertEquals(server.get("client_prompt_tokens").asDouble(), server.get("prompt_tokens_delta").asDouble());
        List<String> csv = Files.readAllLines(outcome.folder().resolve("server_metrics.csv"));
        assertTrue(csv.get(0).startsWith("seconds,timestamp,num_requests_running,num_requests_waiting,kv_cache_usage_perc"));
        assertTrue(csv.get(1).contains("\"alpha,beta\",gamma"), csv.get(1));
        assertTrue(Files.isRegularFile(outcome.folder().resolve("plots/server_queue.png")));
        assertTrue(Files.readString(outcome.folder().resolve("report.html")).contains("plots/server_queue.png"));
        JsonNode facts = results(outcome).get("server");
        assertEquals(2, facts.get("observed_max_loras").asInt(), "the external server's own max_loras, not the config's guess");
        List<String> notApplied = new java.util.ArrayList<>();
        facts.get("config_keys_not_applied").forEach(key -> notApplied.add(key.asText()));
        assertTrue(notApplied.containsAll(List.of("lora.max_loras", "lora.max_cpu_loras", "model.max_model_len")), notApplied.toString());
    }

    @Test
    void aServerWithoutMetricsIsNotedNotFailed() throws IOException {
        server().withoutMetrics();

        RunOutcome outcome = bench(FORTY);

        assertTrue(outcome.isCompleted());
        JsonNode server = results(outcome).get("server_metrics");
        assertFalse(server.get("available").asBoolean());
        assertEquals("GET /metrics answered HTTP 404", server.get("reason").asText());
        assertFalse(Files.exists(outcome.folder().resolve("server_metrics.csv")));
    }

    @Test
    void thePrometheusEndpointServesTheRequestTimerAfterARun() throws Exception {
        bench(FORTY);

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + METRICS_PORT + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().lines().anyMatch(l -> l.startsWith("multilora_request_seconds_count{")
                && l.contains("adapter=\"alpha\"") && l.contains("outcome=")), response.body());
        assertTrue(response.body().contains("multilora_runs_total{status=\"completed\"}"));
        assertTrue(response.body().contains("multilora_request_ttft_seconds_bucket{adapter=\"alpha\",le=\"0.1\"}"), response.body());
    }

    private JsonNode results(RunOutcome outcome) throws IOException {
        return json.readTree(outcome.folder().resolve("results.json").toFile());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
