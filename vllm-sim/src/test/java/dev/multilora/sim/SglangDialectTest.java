package dev.multilora.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** --sim-dialect sglang: SGLang's start-up, catalog endpoints, adapter selection, errors, metrics and streams. */
class SglangDialectTest {

    private static final String KEY = "sg-key";
    private static final String[] AUTH = {"Authorization", "Bearer " + KEY};
    private static Path adapters;
    private static InProcessSim sim;
    private static final List<Integer> STARTING_STATUSES = new ArrayList<>();
    private static String startingBody;

    @BeforeAll
    static void start() throws Exception {
        adapters = Files.createTempDirectory("sglang-dialect");
        Path a = AdapterDirs.create(adapters, "a", 8);
        Path b = AdapterDirs.create(adapters, "b", 8);
        sim = InProcessSim.launch("--sim-dialect", "sglang", "--model-path", "/models/base", "--served-model-name",
                "base", "--lora-paths", "a=" + a, b.toString(), "--max-loras-per-batch", "2", "--enable-metrics",
                "--api-key", KEY, "--context-length", "64", "--sim-decode-ms", "0.1", "--sim-load-delay-s", "0.8");
        while (!sim.isReady()) {
            try {
                HttpResponse<String> health = sim.get("/health");
                STARTING_STATUSES.add(health.statusCode());
                if (health.statusCode() == 503) {
                    startingBody = health.body();
                }
            } catch (java.io.IOException notYetListening) {
                // the server binds a moment after launch
            }
            Thread.sleep(50);
        }
        sim.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
    }

    @Test
    void healthIs503WhileStartingThen200WithoutAKey() throws Exception {
        assertTrue(STARTING_STATUSES.contains(503), "statuses while starting: " + STARTING_STATUSES);
        assertEquals("", startingBody);
        for (String path : List.of("/health", "/health_generate")) {
            HttpResponse<String> health = sim.get(path);
            assertEquals(200, health.statusCode(), path);
            assertEquals("", health.body());
        }
    }

    @Test
    void catalogEndpointsNeedTheKey() throws Exception {
        HttpResponse<String> anonymous = sim.get("/v1/models");
        assertEquals(401, anonymous.statusCode());
        assertEquals("{\"error\":\"Unauthorized\"}", anonymous.body());

        JsonNode models = SimClient.JSON.readTree(sim.get("/v1/models", AUTH).body());
        JsonNode base = models.path("data").get(0);
        assertEquals("base", base.path("id").asText());
        assertEquals(64, base.path("max_model_len").asInt());
        JsonNode a = models.path("data").get(1);
        assertEquals("a", a.path("id").asText());
        assertEquals(adapters.resolve("a").toString(), a.path("root").asText());
        assertEquals("base", a.path("parent").asText());
        assertEquals(adapters.resolve("b").toString(), models.path("data").get(2).path("id").asText(),
                "a bare path is its own name (LoRAPathAction)");

        JsonNode info = SimClient.JSON.readTree(sim.get("/get_server_info", AUTH).body());
        assertEquals("0.5.5-sim", info.path("version").asText());
        assertEquals(2, info.path("max_loras_per_batch").asInt());
        assertTrue(info.path("max_loaded_loras").isNull());
        assertEquals(64, info.path("context_length").asInt());
        assertEquals(2, info.path("lora_paths").size());
        assertEquals("sglang", SimClient.JSON.readTree(sim.get("/sim/info").body()).path("dialect").asText());
    }

    @Test
    void adapterComesFromModelAfterTheColonOrFromLoraPath() throws Exception {
        JsonNode byModel = complete("\"model\":\"base:a\"");
        assertEquals("a", InProcessSim.loraName(byModel));
        assertEquals("base:a", byModel.path("model").asText(), "model echoes the request");
        assertEquals("a", InProcessSim.loraName(complete("\"model\":\"base\",\"lora_path\":\"a\"")));
        assertEquals("a", InProcessSim.loraName(complete("\"model\":\"base: a \",\"lora_path\":\""
                + adapters.resolve("b") + "\"")), "model's adapter wins over lora_path");
        assertNull(InProcessSim.loraName(complete("\"model\":\"a\"")), "vLLM style runs the base model silently");
        assertNull(InProcessSim.loraName(complete("\"model\":\"base:\"")));
    }

    @Test
    void adapterThatIsNotLoadedIs400() throws Exception {
        HttpResponse<String> response = sim.post("/v1/completions", body("\"model\":\"base:zzz\""), AUTH);
        assertEquals(400, response.statusCode());
        JsonNode error = SimClient.JSON.readTree(response.body());
        assertEquals("error", error.path("object").asText());
        assertEquals("BadRequestError", error.path("type").asText());
        assertEquals(400, error.path("code").asInt());
        assertTrue(error.has("param") && error.path("param").isNull());
        assertTrue(error.path("message").asText().startsWith(
                "The following requested LoRA adapters are not loaded: zzz\nLoaded adapters: "), response.body());
    }

    @Test
    void streamsEndWithDoneAndUsageOnlyWhenAskedFor() throws Exception {
        HttpResponse<String> withUsage = sim.post("/v1/completions", "{\"model\":\"base:a\",\"prompt\":\"hi\","
                + "\"max_tokens\":4,\"stream\":true,\"stream_options\":{\"include_usage\":true}}", AUTH);
        List<JsonNode> events = SimClient.events(withUsage.body());
        JsonNode last = events.get(events.size() - 1);
        assertEquals(0, last.path("choices").size());
        assertEquals(4, last.path("usage").path("completion_tokens").asInt());
        assertEquals("a", last.path("usage").path("sim_timing").path("lora_name").asText());
        assertEquals("base:a", events.get(0).path("model").asText());
        HttpResponse<String> without = sim.post("/v1/completions",
                "{\"prompt\":\"hi\",\"max_tokens\":4,\"stream\":true}", AUTH);
        assertTrue(SimClient.events(without.body()).stream().noneMatch(event -> event.has("usage")), without.body());
    }

    @Test
    void metricsHaveSglangNamesAndNeedNoKey() throws Exception {
        complete("\"model\":\"base:a\"");
        String metrics = sim.get("/metrics").body();
        for (String sample : List.of("sglang:num_running_reqs{model_name=\"base\"}",
                "sglang:num_queue_reqs{model_name=\"base\"}", "sglang:prompt_tokens_total{model_name=\"base\"}",
                "sglang:generation_tokens_total{model_name=\"base\"}", "sglang:lora_pool_slots_used{",
                "sglang:lora_pool_slots_total{model_name=\"base\"} 2.0", "sglang:lora_pool_utilization{",
                "sglang:time_to_first_token_seconds_bucket{model_name=\"base\",le=")) {
            assertTrue(metrics.contains(sample), sample + " in:\n" + metrics);
        }
        try (InProcessSim plain = InProcessSim.start("--sim-dialect", "sglang", "--model-path", "/m")) {
            assertEquals(404, plain.get("/metrics").statusCode(), "no --enable-metrics");
        }
    }

    @Test
    void contextLengthIsEnforced() throws Exception {
        HttpResponse<String> response = sim.post("/v1/completions",
                "{\"prompt\":\"hi\",\"max_tokens\":100}", AUTH);
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("maximum context length of 64 tokens"), response.body());
    }

    private static JsonNode complete(String fields) throws Exception {
        return sim.complete(body(fields), AUTH);
    }

    private static String body(String fields) {
        return "{\"prompt\":\"Hello, world!\",\"max_tokens\":3," + fields + "}";
    }
}
