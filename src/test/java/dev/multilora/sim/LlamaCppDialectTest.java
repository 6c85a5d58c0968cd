package dev.multilora.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** --sim-dialect llamacpp: llama-server's start-up, catalog endpoints, adapter selection, metrics and streams. */
class LlamaCppDialectTest {

    private static Path adapters;
    private static InProcessSim sim;
    private static final List<Integer> LOADING_STATUSES = new ArrayList<>();
    private static String loadingBody;

    @BeforeAll
    static void start() throws Exception {
        adapters = Files.createTempDirectory("llamacpp-dialect");
        Path sql = Files.createFile(adapters.resolve("sql.gguf"));
        Path chat = Files.createFile(adapters.resolve("chat.gguf"));
        Path code = AdapterDirs.create(adapters, "code", 8);
        sim = InProcessSim.launch("--sim-dialect", "llamacpp", "-m", "/models/base.gguf", "--lora", sql.toString(),
                "--lora-scaled", chat + ":0.5", "--lora", code.toString(), "-np", "4", "-c", "4096", "--metrics",
                "--sim-decode-ms", "5", "--sim-decode-ms-per-seq", "0", "--sim-prefill-ms-per-token", "0",
                "--sim-load-delay-s", "1.5");
        // the port is open while the model loads: every path says so
        while (!sim.isReady()) {
            try {
                HttpResponse<String> health = sim.get("/health");
                LOADING_STATUSES.add(health.statusCode());
                HttpResponse<String> models = sim.get("/v1/models");
                // loading may end between the two calls: only an answer given while loading is kept
                if (health.statusCode() == 503 && models.statusCode() == 503) {
                    loadingBody = models.body();
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
    void answers503LoadingModelThen200() throws Exception {
        assertTrue(LOADING_STATUSES.contains(503), "statuses while loading: " + LOADING_STATUSES);
        assertEquals("{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}",
                loadingBody);
        HttpResponse<String> health = sim.get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"ok\"}", health.body());
    }

    @Test
    void catalogEndpoints() throws Exception {
        JsonNode loras = SimClient.JSON.readTree(sim.get("/lora-adapters").body());
        assertEquals(3, loras.size());
        assertEquals(0, loras.get(0).path("id").asInt());
        assertEquals(adapters.resolve("sql.gguf").toString(), loras.get(0).path("path").asText());
        assertEquals(1.0, loras.get(0).path("scale").asDouble());
        assertEquals(0.5, loras.get(1).path("scale").asDouble());
        assertEquals(2, loras.get(2).path("id").asInt());

        JsonNode models = SimClient.JSON.readTree(sim.get("/v1/models").body());
        assertEquals(1, models.path("data").size(), "adapters are not listed");
        assertEquals("/models/base.gguf", models.path("data").get(0).path("id").asText());
        assertEquals("llamacpp", models.path("data").get(0).path("owned_by").asText());

        JsonNode props = SimClient.JSON.readTree(sim.get("/props").body());
        assertEquals(4, props.path("total_slots").asInt());
        assertEquals("/models/base.gguf", props.path("model_path").asText());
        assertEquals("b9186-sim", props.path("build_info").asText());
        assertEquals(1024, props.path("default_generation_settings").path("n_ctx").asInt(), "-c 4096 over 4 slots");

        assertEquals(404, sim.get("/version").statusCode());
        JsonNode info = SimClient.JSON.readTree(sim.get("/sim/info").body());
        assertEquals("llamacpp", info.path("dialect").asText());
        assertEquals(0, info.path("unrecognized_arguments").size());
    }

    @Test
    void requestLoraListSelectsTheAdaptersThatRun() throws Exception {
        assertEquals("chat", InProcessSim.loraName(complete("\"lora\":[{\"id\":1,\"scale\":1.0}]")));
        assertEquals("sql+code", InProcessSim.loraName(complete(
                "\"lora\":[{\"id\":0,\"scale\":1},{\"id\":2,\"scale\":1}]")), "two adapters run as one combination");
        assertEquals("sql+chat@0.5+code", InProcessSim.loraName(complete("\"lora\":[]")), "[] means the global scales");
        assertEquals("sql+chat@0.5+code", InProcessSim.loraName(complete("\"model\":\"code\"")), "model is ignored");
        JsonNode unknownId = complete("\"lora\":[{\"id\":9,\"scale\":1}]");
        assertNull(InProcessSim.loraName(unknownId), "an unknown id is ignored, the rest are at 0: base model");
        assertEquals("none", unknownId.path("usage").path("sim_timing").path("lora_source").asText());
        assertNull(InProcessSim.loraName(complete("\"lora\":[{\"id\":0,\"scale\":0}]")));
        HttpResponse<String> header = sim.post("/v1/completions", body("\"lora\":[{\"id\":2,\"scale\":1}]"));
        assertEquals("code", header.headers().firstValue("x-sim-lora-name").orElseThrow());

        HttpResponse<String> malformed = sim.post("/v1/completions", body("\"lora\":\"sql\""));
        assertEquals(400, malformed.statusCode());
        JsonNode error = SimClient.JSON.readTree(malformed.body()).path("error");
        assertEquals(400, error.path("code").asInt());
        assertEquals("invalid_request_error", error.path("type").asText());
        assertTrue(error.path("message").asText().contains("'lora' must be an array"));
    }

    @Test
    void mixedAdapterSetsAreDecodedOneSetAtATime() throws Exception {
        double[] sameSet = tokensAndBusySlotsPerDecode("\"lora\":[{\"id\":0,\"scale\":1}]",
                "\"lora\":[{\"id\":0,\"scale\":1}]", "\"lora\":[{\"id\":0,\"scale\":1}]");
        double[] mixed = tokensAndBusySlotsPerDecode("\"lora\":[{\"id\":0,\"scale\":1}]",
                "\"lora\":[{\"id\":1,\"scale\":1}]", "\"lora\":[{\"id\":0,\"scale\":0}]");
        assertTrue(sameSet[0] > 1.5, "one adapter set: its sequences share decode steps: " + sameSet[0]);
        assertTrue(mixed[1] > 1.5, "three sets held slots at the same time: " + mixed[1]);
        assertEquals(1.0, mixed[0], 1e-9, "but each decode step ran one set, here one sequence");
    }

    @Test
    void metricsHaveLlamaCppNames() throws Exception {
        complete("\"lora\":[]");
        String metrics = sim.get("/metrics").body();
        for (String name : List.of("llamacpp:prompt_tokens_total", "llamacpp:tokens_predicted_total",
                "llamacpp:requests_processing", "llamacpp:requests_deferred", "llamacpp:n_decode_total",
                "llamacpp:n_busy_slots_per_decode")) {
            assertTrue(metrics.contains("# TYPE " + name + " "), name + " in:\n" + metrics);
            assertTrue(metrics.contains("\n" + name + " "), name + " sample in:\n" + metrics);
        }
    }

    @Test
    void metricsNeedTheMetricsFlag() throws Exception {
        try (InProcessSim plain = InProcessSim.start("--sim-dialect", "llamacpp", "-m", "/m.gguf")) {
            HttpResponse<String> metrics = plain.get("/metrics");
            assertEquals(501, metrics.statusCode());
            assertEquals("{\"error\":{\"code\":501,\"message\":\"This server does not support metrics endpoint.\","
                    + "\"type\":\"not_supported_error\"}}", metrics.body());
        }
    }

    /** The real server drops the connection after a stream although it said keep-alive; so does the stand-in. */
    @Test
    void connectionIsClosedAfterAStreamedResponseButNotAfterAPlainOne() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", sim.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(request(body("\"lora\":[]")));
            String first = readResponse(in);
            assertTrue(first.startsWith("HTTP/1.1 200"), first);
            out.write(request("{\"prompt\":\"hi\",\"max_tokens\":3,\"stream\":true}"));
            String stream = readResponse(in);
            assertTrue(stream.toLowerCase().contains("connection: keep-alive"), stream);
            assertTrue(stream.contains("data: [DONE]"), stream);
            assertTrue(stream.contains("\"usage\""), "usage on the final chunk without include_usage: " + stream);
            assertEquals(-1, in.read(), "the server closes the connection after the stream");
        }
    }

    private static byte[] request(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ("POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** One response: its headers, then a Content-Length body or chunks up to the last, empty one. */
    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed mid-response: " + read);
            }
            read.write(b);
            String text = read.toString(StandardCharsets.UTF_8);
            int headersEnd = text.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            String headers = text.substring(0, headersEnd).toLowerCase();
            if (headers.contains("transfer-encoding: chunked")) {
                if (text.endsWith("\r\n0\r\n\r\n")) {
                    return text;
                }
            } else {
                int at = headers.indexOf("content-length: ");
                int length = Integer.parseInt(headers.substring(at + 16).split("\r\n")[0].trim());
                if (read.size() - (headersEnd + 4) >= length) {
                    return text;
                }
            }
        }
    }

    /** Generated tokens and busy slots per decode step while the requests run concurrently. */
    private static double[] tokensAndBusySlotsPerDecode(String... loras) throws Exception {
        String before = sim.get("/metrics").body();
        List<CompletableFuture<JsonNode>> responses = new ArrayList<>();
        for (String lora : loras) {
            responses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return sim.complete("{\"prompt\":\"hi\",\"max_tokens\":30,\"ignore_eos\":true," + lora + "}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<JsonNode> response : responses) {
            response.get(30, TimeUnit.SECONDS);
        }
        String after = sim.get("/metrics").body();
        double decodes = value(after, "llamacpp:n_decode_total") - value(before, "llamacpp:n_decode_total");
        double tokens = value(after, "llamacpp:tokens_predicted_total")
                - value(before, "llamacpp:tokens_predicted_total");
        double busy = value(after, "llamacpp:n_busy_slots_per_decode") * value(after, "llamacpp:n_decode_total")
                - value(before, "llamacpp:n_busy_slots_per_decode") * value(before, "llamacpp:n_decode_total");
        return new double[] {tokens / decodes, busy / decodes};
    }

    private static double value(String metrics, String name) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.]+)$").matcher(metrics);
        if (!sample.find()) {
            throw new AssertionError(name + " not in:\n" + metrics);
        }
        return Double.parseDouble(sample.group(1));
    }

    private static JsonNode complete(String lora) throws Exception {
        return sim.complete(body(lora));
    }

    private static String body(String lora) {
        return "{\"prompt\":\"Hello, world!\",\"max_tokens\":3," + lora + "}";
    }
}
