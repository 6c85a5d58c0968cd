package dev.multilora.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Plain HTTP calls against a running stand-in, with JSON helpers. */
final class SimClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String baseUrl;
    private final String apiKey;

    SimClient(SimProcess sim) {
        this(sim, null);
    }

    SimClient(SimProcess sim, String apiKey) {
        this.baseUrl = sim.baseUrl();
        this.apiKey = apiKey;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A non-streaming completion, asserted to succeed. */
    JsonNode complete(String model, String prompt, int maxTokens) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/v1/completions", body(model, prompt, maxTokens, false));
        if (response.statusCode() != 200) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The data events of a streamed completion with include_usage, [DONE] excluded, asserted to end properly. */
    List<JsonNode> stream(String model, String prompt, int maxTokens) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/v1/completions", body(model, prompt, maxTokens, true));
        if (response.statusCode() != 200) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
        return events(response.body());
    }

    static List<JsonNode> events(String body) throws IOException {
        if (!body.endsWith("data: [DONE]\n\n")) {
            throw new AssertionError("stream does not end with [DONE]: " + body);
        }
        List<JsonNode> events = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            if (!event.startsWith("data: ")) {
                throw new AssertionError("not an SSE data event: " + event);
            }
            String data = event.substring("data: ".length());
            if (!data.equals("[DONE]")) {
                events.add(JSON.readTree(data));
            }
        }
        return events;
    }

    static String body(String model, String prompt, int maxTokens, boolean stream) {
        var body = JSON.createObjectNode().put("model", model).put("prompt", prompt).put("max_tokens", maxTokens)
                .put("ignore_eos", true).put("temperature", 0.7).put("top_p", 0.9).put("top_k", 40);
        if (stream) {
            body.put("stream", true).putObject("stream_options").put("include_usage", true);
        }
        return body.toString();
    }

    /** A /v1/chat/completions body: a system and a user message, max_tokens, sampling as {@link #body}. */
    static String chatBody(String model, String system, String user, int maxTokens, boolean stream) {
        var body = JSON.createObjectNode().put("model", model);
        body.putArray("messages").add(JSON.createObjectNode().put("role", "system").put("content", system))
                .add(JSON.createObjectNode().put("role", "user").put("content", user));
        body.put("max_tokens", maxTokens).put("ignore_eos", true).put("temperature", 0.7).put("top_p", 0.9).put("top_k", 40);
        if (stream) {
            body.put("stream", true).putObject("stream_options").put("include_usage", true);
        }
        return body.toString();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }
}
