package dev.multilora.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** --sim-dialect tgi: TGI's start-up, /info, adapter selection, validation, streams, admission and metrics. */
class TgiDialectTest {

    private static final String BASE = "meta-llama/Llama-2-7b-hf";
    private static Path adapters;
    private static InProcessSim sim;
    private static int refusedWhileLoading;
    private static final List<Integer> STATUSES_WHILE_LOADING = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        adapters = Files.createTempDirectory("tgi-dialect");
        Path a = AdapterDirs.create(adapters, "a", 8);
        Path b = AdapterDirs.create(adapters, "b", 8);
        sim = InProcessSim.launch("--sim-dialect", "tgi", "--model-id", BASE, "--lora-adapters", "a=" + a + ",b=" + b,
                "--hostname", "127.0.0.1", "--max-total-tokens", "64", "--max-input-tokens", "32",
                "--sim-decode-ms", "0.1", "--sim-load-delay-s", "0.8");
        while (!sim.isReady()) {
            try {
                STATUSES_WHILE_LOADING.add(sim.get("/health").statusCode());
            } catch (java.io.IOException refused) {
                refusedWhileLoading++;
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
    void portDoesNotListenWhileLoadingThenHealthIs200Empty() throws Exception {
        assertTrue(refusedWhileLoading > 0, "connections refused while loading: " + refusedWhileLoading);
        assertTrue(STATUSES_WHILE_LOADING.stream().allMatch(status -> status == 200),
                "only a ready router answers: " + STATUSES_WHILE_LOADING);
        HttpResponse<String> health = sim.get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("", health.body());
    }

    @Test
    void infoAndModelsShowTheBaseOnly() throws Exception {
        JsonNode info = SimClient.JSON.readTree(sim.get("/info").body());
        assertEquals(BASE, info.path("model_id").asText());
        assertEquals("3.3.6-sim", info.path("version").asText());
        assertEquals("text-generation-router", info.path("router").asText());
        assertEquals(128, info.path("max_concurrent_requests").asInt());
        assertEquals(64, info.path("max_total_tokens").asInt());
        assertEquals(32, info.path("max_input_tokens").asInt());
        assertTrue(info.has("model_dtype"));
        assertFalse(info.toString().contains("lora"), "no adapter listing: " + info);
        JsonNode models = SimClient.JSON.readTree(sim.get("/v1/models").body());
        assertEquals(1, models.path("data").size());
        assertEquals(BASE, models.path("data").get(0).path("id").asText());
        assertEquals("tgi", SimClient.JSON.readTree(sim.get("/sim/info").body()).path("dialect").asText());
    }

    @Test
    void modelIsTheAdapterIdAndAnythingElseSilentlyRunsTheBase() throws Exception {
        JsonNode a = complete("\"model\":\"a\"");
        assertEquals("a", InProcessSim.loraName(a));
        assertEquals(BASE, a.path("model").asText(), "responses name the base model");
        assertEquals(0, a.path("usage").path("sim_timing").path("lora_load_ms").asDouble(), "adapters are resident");
        assertEquals("b", InProcessSim.loraName(complete("\"model\":\"b\"")));
        assertNull(InProcessSim.loraName(complete("\"model\":\"tgi\"")));
        assertNull(InProcessSim.loraName(complete("\"max_tokens\":2")));
        assertNull(InProcessSim.loraName(complete("\"model\":\"zzz\"")), "unknown id: base with 200");
        assertNull(InProcessSim.loraName(complete("\"model\":\"" + BASE + "\"")), "the base id is not special");
        HttpResponse<String> chat = sim.post("/v1/chat/completions",
                "{\"model\":\"b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":3}");
        assertEquals(200, chat.statusCode(), chat.body());
        assertEquals("b", InProcessSim.loraName(SimClient.JSON.readTree(chat.body())));
    }

    @Test
    void samplingAndLengthErrorsAre422Validation() throws Exception {
        for (String[] refusal : List.of(
                new String[] {"\"top_k\":0", "`top_k` must be strictly positive"},
                new String[] {"\"top_k\":-1", "`top_k` must be strictly positive"},
                new String[] {"\"top_p\":1.0", "`top_p` must be > 0.0 and < 1.0"},
                new String[] {"\"top_p\":0", "`top_p` must be > 0.0 and < 1.0"},
                new String[] {"\"temperature\":-0.5", "`temperature` must be strictly positive"},
                new String[] {"\"max_tokens\":61", "must be <= 64. Given: 4 `inputs` tokens and 61"})) {
            HttpResponse<String> response = sim.post("/v1/completions", body("\"model\":\"a\"," + refusal[0]));
            assertEquals(422, response.statusCode(), refusal[0] + ": " + response.body());
            JsonNode error = SimClient.JSON.readTree(response.body());
            assertEquals("validation", error.path("error_type").asText(), response.body());
            assertTrue(error.path("error").asText().contains(refusal[1]), response.body());
            assertEquals(2, error.size(), response.body());
        }
        HttpResponse<String> longPrompt = sim.post("/v1/completions",
                "{\"model\":\"a\",\"max_tokens\":1,\"prompt\":\"" + "word ".repeat(40) + "\"}");
        assertEquals(422, longPrompt.statusCode(), longPrompt.body());
        assertTrue(longPrompt.body().contains("`inputs` must have less than 32 tokens. Given: "), longPrompt.body());
        assertEquals("a", InProcessSim.loraName(complete("\"model\":\"a\",\"top_k\":5,\"top_p\":0.9,\"temperature\":0")));
    }

    @Test
    void completionStreamsEndWithUsageOnTheFinalChunk() throws Exception {
        HttpResponse<String> response = sim.post("/v1/completions",
                "{\"model\":\"a\",\"prompt\":\"hi\",\"max_tokens\":4,\"stream\":true}");
        List<JsonNode> events = SimClient.events(response.body());
        JsonNode last = events.get(events.size() - 1);
        assertEquals(1, last.path("choices").size());
        assertFalse(last.path("choices").get(0).path("finish_reason").isNull(), last.toString());
        assertEquals(4, last.path("usage").path("completion_tokens").asInt());
        assertEquals("a", last.path("usage").path("sim_timing").path("lora_name").asText());
        assertTrue(events.subList(0, events.size() - 1).stream().noneMatch(event -> event.has("usage")));
        assertTrue(events.stream().allMatch(event -> event.path("model").asText().equals(BASE)));
    }

    @Test
    void chatStreamsPutUsageOnTheLastContentChunkOnlyWhenAsked() throws Exception {
        String chat = "{\"model\":\"b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":4,"
                + "\"stream\":true";
        List<JsonNode> events = SimClient.events(sim.post("/v1/chat/completions",
                chat + ",\"stream_options\":{\"include_usage\":true}}").body());
        assertTrue(events.stream().noneMatch(event -> event.path("choices").size() == 0), "no choices:[] chunk");
        assertTrue(events.stream().noneMatch(event -> event.path("choices").get(0).path("delta").has("role")),
                "no role chunk");
        JsonNode last = events.get(events.size() - 1);
        assertFalse(last.path("choices").get(0).path("finish_reason").isNull(), last.toString());
        assertEquals("b", last.path("usage").path("sim_timing").path("lora_name").asText());
        List<JsonNode> without = SimClient.events(sim.post("/v1/chat/completions", chat + "}").body());
        assertTrue(without.stream().noneMatch(event -> event.has("usage")));
    }

    @Test
    void metricsHaveTgiNames() throws Exception {
        complete("\"model\":\"a\"");
        String metrics = sim.get("/metrics").body();
        for (String line : List.of("# TYPE tgi_batch_current_size gauge", "# TYPE tgi_queue_size gauge",
                "# TYPE tgi_request_count counter", "# TYPE tgi_request_success counter", "# HELP tgi_request_count ",
                "\ntgi_batch_current_size ", "\ntgi_queue_size ", "\ntgi_request_count ", "\ntgi_request_success ")) {
            assertTrue(metrics.contains(line), line + " in:\n" + metrics);
        }
    }

    @Test
    void requestsBeyondMaxConcurrentRequestsAre429() throws Exception {
        try (InProcessSim small = InProcessSim.start("--sim-dialect", "tgi", "--model-id", "m",
                "--max-concurrent-requests", "1", "--sim-decode-ms", "50", "--sim-eos-probability", "0")) {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return small.post("/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":30}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            HttpResponse<String> second = small.post("/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":2}");
            assertEquals(429, second.statusCode(), second.body());
            assertEquals("{\"error\":\"Model is overloaded\",\"error_type\":\"overloaded\"}", second.body());
            assertEquals(200, first.get(30, TimeUnit.SECONDS).statusCode());
            assertEquals(200, small.post("/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":2}").statusCode(),
                    "the slot is free again");
        }
    }

    private static JsonNode complete(String fields) throws Exception {
        return sim.complete(body(fields));
    }

    private static String body(String fields) {
        return "{\"prompt\":\"Hello, world!\",\"max_tokens\":3," + fields + "}";
    }
}
