package dev.multilora.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads a non-streaming /v1/completions response (text in choices[0].text) or /v1/chat/completions
 * response (choices[0].message.content). Understands vLLM's error shapes: the nested
 * {"error":{"message":...}} of v0.10.1+, the older flat {"object":"error","message":...}, the
 * authentication middleware's {"error":"Unauthorized"} and FastAPI's {"detail":...}.
 */
public final class CompletionResponseParser {
    private static final int MAX_QUOTED_BODY = 300;

    private final ObjectMapper json = new ObjectMapper();

    public CompletionResponse parse(int status, String body) {
        JsonNode node = readJson(body);
        boolean ok = status >= 200 && status < 300;
        if (!ok || node == null || node.has("error")) {
            return CompletionResponse.failure("HTTP " + status + ": " + errorMessage(node, body));
        }
        JsonNode choice = node.path("choices").path(0);
        boolean chat = choice.has("message");
        JsonNode text = chat ? choice.path("message").path("content") : choice.path("text");
        JsonNode completionTokens = node.path("usage").path("completion_tokens");
        if (!text.isTextual()) {
            return CompletionResponse.failure("HTTP " + status + ": response has no "
                    + (chat ? "choices[0].message.content" : "choices[0].text") + ": " + quote(body));
        }
        if (!completionTokens.isIntegralNumber()) {
            return CompletionResponse.failure("HTTP " + status + ": response has no usage.completion_tokens: " + quote(body));
        }
        JsonNode promptTokens = node.path("usage").path("prompt_tokens");
        return CompletionResponse.success(text.textValue(), completionTokens.intValue(),
                promptTokens.isIntegralNumber() ? promptTokens.intValue() : null, truth(node.path("usage")));
    }

    /**
     * What the server reports it did, where it does: vllm-sim's usage.sim_timing (lora_load_ms, 0
     * for an adapter already resident; lora_name, null for the base model). Real vLLM does not say.
     */
    static ServerTruth truth(JsonNode usage) {
        JsonNode timing = usage.path("sim_timing");
        if (!timing.isObject()) {
            return ServerTruth.UNTOLD;
        }
        JsonNode loadMs = timing.path("lora_load_ms");
        JsonNode name = timing.path("lora_name");
        return new ServerTruth(loadMs.isNumber() ? loadMs.doubleValue() / 1000 : null, name.isTextual() || name.isNull(),
                name.isTextual() ? name.textValue() : null);
    }

    private JsonNode readJson(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String errorMessage(JsonNode node, String body) {
        if (node != null) {
            JsonNode error = node.get("error");
            if (error != null && error.isObject() && error.path("message").isTextual()) {
                return error.path("message").textValue();
            }
            if (error != null && error.isTextual()) {
                return error.textValue();
            }
            if (node.path("message").isTextual()) {
                return node.path("message").textValue();
            }
            if (node.path("detail").isTextual()) {
                return node.path("detail").textValue();
            }
        }
        return body.isBlank() ? "(empty body)" : quote(body);
    }

    private static String quote(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_QUOTED_BODY ? flat : flat.substring(0, MAX_QUOTED_BODY) + "...";
    }
}
