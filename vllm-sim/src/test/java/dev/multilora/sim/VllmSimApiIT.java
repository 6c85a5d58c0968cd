package dev.multilora.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** vLLM's HTTP API: endpoints, shapes, status codes and errors, against one running stand-in. */
class VllmSimApiIT {

    private static final String KEY = "secret-key";
    private static Path adapters;
    private static SimProcess sim;
    private static SimClient client;

    @BeforeAll
    static void start() throws Exception {
        adapters = Files.createTempDirectory("vllm-sim-api");
        List<String> args = new ArrayList<>(List.of("--enable-lora", "--max-loras", "2",
                "--max-model-len", "64", "--api-key", KEY, "--served-model-name", "base", "--seed", "7",
                "--sim-decode-ms", "0.1", "--lora-modules"));
        args.addAll(List.of(AdapterDirs.modules(adapters, "alpha", "beta")));
        sim = SimProcess.start(Map.of("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "True"), args.toArray(String[]::new));
        client = new SimClient(sim, KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
    }

    @Test
    void healthVersionAndMetricsNeedNoKey() throws Exception {
        SimClient anonymous = new SimClient(sim);
        HttpResponse<String> health = anonymous.get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("", health.body());
        assertTrue(SimClient.JSON.readTree(anonymous.get("/version").body()).path("version").isTextual());
        assertEquals(200, anonymous.get("/metrics").statusCode());
    }

    @Test
    void v1PathsNeedTheKey() throws Exception {
        HttpResponse<String> missing = new SimClient(sim).get("/v1/models");
        assertEquals(401, missing.statusCode());
        assertEquals("{\"error\":\"Unauthorized\"}", missing.body());
        HttpResponse<String> wrong = new SimClient(sim, "nope").post("/v1/completions",
                SimClient.body("base", "hi", 1, false));
        assertEquals(401, wrong.statusCode());
    }

    @Test
    void modelsListsTheBaseAndEveryAdapter() throws Exception {
        JsonNode models = SimClient.JSON.readTree(client.get("/v1/models").body());
        assertEquals("list", models.path("object").asText());
        JsonNode base = models.path("data").get(0);
        assertEquals("base", base.path("id").asText());
        assertEquals("test-model", base.path("root").asText());
        assertTrue(base.path("parent").isNull());
        assertEquals(64, base.path("max_model_len").asInt());
        JsonNode alpha = card(models, "alpha");
        assertEquals(adapters.resolve("alpha").toString(), alpha.path("root").asText());
        assertEquals("base", alpha.path("parent").asText());
        assertTrue(alpha.has("max_model_len") && alpha.path("max_model_len").isNull());
        assertEquals("model", alpha.path("object").asText());
        assertNotNull(card(models, "beta"));
    }

    @Test
    void nonStreamingCompletionHasVllmsShapeAndGroundTruthHeaders() throws Exception {
        HttpResponse<String> response = client.post("/v1/completions", SimClient.body("alpha", "Hello, world!", 5, false));
        assertEquals(200, response.statusCode());
        JsonNode body = SimClient.JSON.readTree(response.body());
        assertTrue(body.path("id").asText().startsWith("cmpl-"));
        assertEquals("text_completion", body.path("object").asText());
        assertEquals("alpha", body.path("model").asText());
        JsonNode choice = body.path("choices").get(0);
        assertEquals("length", choice.path("finish_reason").asText());
        assertEquals(5, choice.path("text").asText().trim().split(" ").length);
        JsonNode usage = body.path("usage");
        assertEquals(4, usage.path("prompt_tokens").asInt(), "Hello , world ! is four tokens");
        assertEquals(5, usage.path("completion_tokens").asInt());
        assertEquals(9, usage.path("total_tokens").asInt());
        for (String header : List.of("x-sim-queue-ms", "x-sim-lora-load-ms", "x-sim-prefill-ms", "x-sim-decode-ms",
                "x-sim-lora-source")) {
            assertTrue(response.headers().firstValue(header).isPresent(), header);
        }
    }

    @Test
    void servedNameOrNoModelMeansTheBaseModel() throws Exception {
        HttpResponse<String> named = client.post("/v1/completions", SimClient.body("base", "hi", 2, false));
        assertEquals(200, named.statusCode());
        assertEquals("none", named.headers().firstValue("x-sim-lora-source").orElseThrow());
        HttpResponse<String> omitted = client.post("/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":2}");
        assertEquals("base", SimClient.JSON.readTree(omitted.body()).path("model").asText());
        assertEquals(404, client.post("/v1/completions", SimClient.body("test-model", "hi", 2, false)).statusCode(),
                "with --served-model-name, vLLM no longer accepts the model path");
    }

    @Test
    void streamingSendsTokensThenUsageThenDone() throws Exception {
        List<JsonNode> events = client.stream("beta", "one two three", 6);
        JsonNode last = events.get(events.size() - 1);
        assertEquals(0, last.path("choices").size());
        assertEquals(3, last.path("usage").path("prompt_tokens").asInt());
        assertEquals(6, last.path("usage").path("completion_tokens").asInt());
        assertEquals(9, last.path("usage").path("total_tokens").asInt());
        assertTrue(last.path("usage").path("sim_timing").has("decode_ms"));
        List<JsonNode> tokens = events.subList(0, events.size() - 1);
        StringBuilder text = new StringBuilder();
        for (JsonNode event : tokens) {
            assertEquals(1, event.path("choices").size());
            assertEquals("beta", event.path("model").asText());
            text.append(event.path("choices").get(0).path("text").asText());
        }
        assertEquals("length", tokens.get(tokens.size() - 1).path("choices").get(0).path("finish_reason").asText());
        assertEquals(6, text.toString().trim().split(" ").length);
        JsonNode same = client.complete("beta", "one two three", 6);
        assertEquals(same.path("choices").get(0).path("text").asText(), text.toString());
    }

    @Test
    void chatStreamOpensWithTheRoleThenDeltasThenUsageThenDone() throws Exception {
        HttpResponse<String> response = client.post("/v1/chat/completions", SimClient.chatBody("alpha", "Be brief.", "one two", 4, true));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        List<JsonNode> events = SimClient.events(response.body());

        JsonNode role = events.get(0);
        assertEquals("chat.completion.chunk", role.path("object").asText());
        assertTrue(role.path("id").asText().startsWith("chatcmpl-"));
        assertEquals("alpha", role.path("model").asText());
        assertEquals("{\"role\":\"assistant\",\"content\":\"\"}", role.path("choices").get(0).path("delta").toString());
        assertTrue(role.path("choices").get(0).path("finish_reason").isNull());
        List<JsonNode> deltas = events.subList(1, events.size() - 1);
        StringBuilder text = new StringBuilder();
        for (JsonNode event : deltas) {
            assertEquals("chat.completion.chunk", event.path("object").asText());
            JsonNode delta = event.path("choices").get(0).path("delta");
            assertFalse(delta.has("role"), "only the first chunk carries the role");
            text.append(delta.path("content").asText());
        }
        assertEquals("length", deltas.get(deltas.size() - 1).path("choices").get(0).path("finish_reason").asText());
        assertEquals(4, text.toString().trim().split(" ").length);
        JsonNode usage = events.get(events.size() - 1);
        assertEquals("chat.completion.chunk", usage.path("object").asText());
        assertEquals(0, usage.path("choices").size());
        assertEquals(5, usage.path("usage").path("prompt_tokens").asInt(), "Be brief . + one two: the contents' tokens");
        assertEquals(4, usage.path("usage").path("completion_tokens").asInt());
        assertTrue(usage.path("usage").path("sim_timing").has("lora_load_ms"));
    }

    @Test
    void nonStreamingChatHasVllmsShape() throws Exception {
        HttpResponse<String> response = client.post("/v1/chat/completions", SimClient.chatBody("base", "Be brief.", "one two", 3, false));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = SimClient.JSON.readTree(response.body());
        assertEquals("chat.completion", body.path("object").asText());
        assertTrue(body.path("id").asText().startsWith("chatcmpl-"));
        assertEquals("base", body.path("model").asText());
        JsonNode choice = body.path("choices").get(0);
        assertEquals("assistant", choice.path("message").path("role").asText());
        assertEquals(3, choice.path("message").path("content").asText().trim().split(" ").length);
        assertEquals("length", choice.path("finish_reason").asText());
        assertFalse(choice.has("text"));
        assertEquals(5, body.path("usage").path("prompt_tokens").asInt());
        assertEquals(3, body.path("usage").path("completion_tokens").asInt());
        assertEquals("none", response.headers().firstValue("x-sim-lora-source").orElseThrow());

        error(client.post("/v1/chat/completions", "{\"model\":\"base\",\"prompt\":\"hi\"}"), 400);
        JsonNode unknown = error(client.post("/v1/chat/completions", SimClient.chatBody("gamma", "s", "u", 1, false)), 404);
        assertEquals("model", unknown.path("param").asText());
        JsonNode noRoom = error(client.post("/v1/chat/completions", SimClient.chatBody("base", "s", "u", 63, false)), 400);
        assertEquals("max_tokens", noRoom.path("param").asText(), "2 prompt tokens + 63 > --max-model-len 64");
    }

    @Test
    void unknownModelIs404WithParamModel() throws Exception {
        JsonNode error = error(client.post("/v1/completions", SimClient.body("gamma", "hi", 1, false)), 404);
        assertEquals("NotFoundError", error.path("type").asText());
        assertEquals("model", error.path("param").asText());
        assertEquals("The model `gamma` does not exist.", error.path("message").asText());
    }

    @Test
    void promptPlusMaxTokensOverMaxModelLenIs400() throws Exception {
        JsonNode error = error(client.post("/v1/completions", SimClient.body("base", "a b c d", 61, false)), 400);
        assertEquals("BadRequestError", error.path("type").asText());
        assertEquals("max_tokens", error.path("param").asText());
        assertEquals(200, client.post("/v1/completions", SimClient.body("base", "a b c d", 60, false)).statusCode());
    }

    @Test
    void streamOptionsWithoutStreamIs400() throws Exception {
        error(client.post("/v1/completions",
                "{\"model\":\"base\",\"prompt\":\"hi\",\"stream_options\":{\"include_usage\":true}}"), 400);
    }

    @Test
    void malformedJsonIs400() throws Exception {
        error(client.post("/v1/completions", "{\"model\": \"base\", \"prompt\": "), 400);
        error(client.post("/v1/completions", "{\"model\": \"base\", \"prompt\": \"hi\", \"max_tokens\": \"many\"}"), 400);
        assertEquals("prompt: Field required", error(client.post("/v1/completions", "{\"model\": \"base\"}"), 400)
                .path("message").asText());
    }

    @Test
    void adaptersLoadAndUnloadAtRunTime() throws Exception {
        Path gamma = AdapterDirs.create(adapters, "gamma", 8);
        String load = "{\"lora_name\":\"gamma\",\"lora_path\":\"" + gamma + "\"}";
        HttpResponse<String> loaded = client.post("/v1/load_lora_adapter", load);
        assertEquals(200, loaded.statusCode());
        assertEquals("Success: LoRA adapter 'gamma' added successfully.", loaded.body());
        assertEquals(400, client.post("/v1/load_lora_adapter", load).statusCode(), "already loaded");
        assertNotNull(card(SimClient.JSON.readTree(client.get("/v1/models").body()), "gamma"));
        assertEquals("gamma", client.complete("gamma", "hi", 1).path("model").asText());

        HttpResponse<String> unloaded = client.post("/v1/unload_lora_adapter", "{\"lora_name\":\"gamma\"}");
        assertEquals(200, unloaded.statusCode());
        assertEquals("Success: LoRA adapter 'gamma' removed successfully.", unloaded.body());
        assertEquals(404, client.post("/v1/unload_lora_adapter", "{\"lora_name\":\"gamma\"}").statusCode());
        assertEquals(404, client.post("/v1/completions", SimClient.body("gamma", "hi", 1, false)).statusCode());
    }

    @Test
    void runTimeLoadErrorsFollowVllm() throws Exception {
        assertEquals(400, client.post("/v1/load_lora_adapter", "{\"lora_name\":\"x\"}").statusCode());
        error(client.post("/v1/load_lora_adapter",
                "{\"lora_name\":\"x\",\"lora_path\":\"" + adapters.resolve("absent") + "\"}"), 404);
        Path wide = AdapterDirs.create(adapters, "wide", 64);
        JsonNode tooWide = error(client.post("/v1/load_lora_adapter",
                "{\"lora_name\":\"wide\",\"lora_path\":\"" + wide + "\"}"), 400);
        assertEquals("LoRA rank 64 is greater than max_lora_rank 16.", tooWide.path("message").asText());
    }

    @Test
    void metricsUseVllmsNames() throws Exception {
        client.complete("alpha", "count me", 3);
        String metrics = new SimClient(sim).get("/metrics").body();
        for (String name : List.of("vllm:num_requests_running{", "vllm:num_requests_waiting{",
                "vllm:lora_requests_info{max_lora=\"2\",running_lora_adapters=\"", "vllm:kv_cache_usage_perc{",
                "vllm:time_to_first_token_seconds_bucket{", "vllm:e2e_request_latency_seconds_count{",
                "vllm:prompt_tokens_total{", "vllm:generation_tokens_total{")) {
            assertTrue(metrics.contains(name), name + " missing in:\n" + metrics);
        }
        assertFalse(metrics.contains("E9"), "timestamps in plain decimal");
    }

    @Test
    void runtimeLoraRoutesDoNotExistWithoutTheEnvironmentVariable() throws Exception {
        try (SimProcess plain = SimProcess.start("--enable-lora")) {
            HttpResponse<String> response = new SimClient(plain).post("/v1/load_lora_adapter",
                    "{\"lora_name\":\"x\",\"lora_path\":\"/x\"}");
            assertEquals(404, response.statusCode());
            assertFalse(new SimClient(plain).get("/metrics").body().contains("lora_requests_info{max_lora=\"2\""));
        }
    }

    private static JsonNode card(JsonNode models, String id) {
        for (JsonNode card : models.path("data")) {
            if (card.path("id").asText().equals(id)) {
                return card;
            }
        }
        throw new AssertionError("no card " + id + " in " + models);
    }

    private static JsonNode error(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = SimClient.JSON.readTree(response.body()).path("error");
        assertEquals(status, error.path("code").asInt(), response.body());
        assertTrue(error.path("message").isTextual(), response.body());
        return error;
    }
}
