package dev.multilora.sim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.sim.text.PromptTokenizer;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** Reads a completions body with vLLM's validation errors and the dialect's defaults. */
final class CompletionParamsParser {

    /** vLLM's (and SGLang's) default max_tokens for /v1/completions. */
    static final int DEFAULT_MAX_TOKENS = 16;

    private final ObjectMapper json;
    private final int defaultMaxTokens;
    private final boolean includeUsageByDefault;
    private final boolean unlimitedAllowed;

    /** vLLM's defaults. */
    CompletionParamsParser(ObjectMapper json) {
        this(json, DEFAULT_MAX_TOKENS, true, false);
    }

    /**
     * @param defaultMaxTokens      max_tokens when the request gives none; -1 for until the context is full
     * @param includeUsageByDefault stream_options.include_usage when stream_options omits it
     * @param unlimitedAllowed      whether max_tokens -1 means until the context is full (llama-server's n_predict)
     */
    CompletionParamsParser(ObjectMapper json, int defaultMaxTokens, boolean includeUsageByDefault,
            boolean unlimitedAllowed) {
        this.json = json;
        this.defaultMaxTokens = defaultMaxTokens;
        this.includeUsageByDefault = includeUsageByDefault;
        this.unlimitedAllowed = unlimitedAllowed;
    }

    CompletionParams parse(Buffer body) throws ApiError {
        JsonNode request = readObject(body);
        String model = optionalText(request, "model");
        JsonNode prompt = request.get("prompt");
        int maxTokens = optionalInt(request, "max_tokens", defaultMaxTokens);
        int minTokens = optionalInt(request, "min_tokens", 0);
        boolean stream = optionalBoolean(request, "stream", false);
        boolean ignoreEos = optionalBoolean(request, "ignore_eos", false);
        Long seed = optionalLong(request, "seed");
        optionalNumber(request, "temperature");
        optionalNumber(request, "top_p");
        optionalInt(request, "top_k", 0);
        if (optionalInt(request, "n", 1) != 1) {
            throw ApiError.badRequest("vllm-sim supports n=1 only.", "n");
        }
        JsonNode streamOptions = request.get("stream_options");
        boolean hasStreamOptions = streamOptions != null && !streamOptions.isNull();
        if (hasStreamOptions && !streamOptions.isObject()) {
            throw ApiError.invalidRequest("stream_options: Input should be a valid dictionary");
        }
        if (hasStreamOptions && !stream) {
            throw ApiError.invalidRequest("Stream options can only be defined when `stream=True`.");
        }
        if (maxTokens < 1 && !(maxTokens == -1 && unlimitedAllowed)) {
            throw ApiError.badRequest("max_tokens must be at least 1, got " + maxTokens + ".", "max_tokens");
        }
        if (minTokens < 0 || maxTokens > 0 && minTokens > maxTokens) {
            throw ApiError.badRequest("min_tokens must be >= 0 and <= max_tokens, got " + minTokens + ".",
                    "min_tokens");
        }
        return new CompletionParams(
                model,
                promptKey(prompt),
                promptTokens(prompt),
                maxTokens,
                minTokens,
                ignoreEos,
                seed,
                stream,
                hasStreamOptions && optionalBoolean(streamOptions, "include_usage", includeUsageByDefault),
                hasStreamOptions && optionalBoolean(streamOptions, "continuous_usage_stats", false),
                request);
    }

    private JsonNode readObject(Buffer body) throws ApiError {
        JsonNode request;
        try {
            request = json.readTree(body.getBytes());
        } catch (JsonProcessingException e) {
            throw ApiError.invalidRequest("JSON decode error: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiError.invalidRequest("JSON decode error: " + e.getMessage());
        }
        if (request == null || !request.isObject()) {
            throw ApiError.invalidRequest("Input should be a valid dictionary or object to extract fields from");
        }
        return request;
    }

    /** A string, or a list of token ids; batches of prompts are not simulated. */
    private static int promptTokens(JsonNode prompt) throws ApiError {
        if (prompt == null || prompt.isNull()) {
            throw ApiError.invalidRequest("prompt: Field required");
        }
        int tokens;
        if (prompt.isTextual()) {
            tokens = PromptTokenizer.count(prompt.asText());
        } else if (isTokenIds(prompt)) {
            tokens = prompt.size();
        } else if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
            tokens = PromptTokenizer.count(prompt.get(0).asText());
        } else {
            throw ApiError.badRequest("vllm-sim supports one prompt per request: a string or a list of "
                    + "token ids.", "prompt");
        }
        if (tokens == 0) {
            throw ApiError.badRequest("The decoder prompt cannot be empty", "prompt");
        }
        return tokens;
    }

    private static String promptKey(JsonNode prompt) {
        if (prompt.isTextual()) {
            return prompt.asText();
        }
        return prompt.size() == 1 && prompt.get(0).isTextual() ? prompt.get(0).asText() : prompt.toString();
    }

    private static boolean isTokenIds(JsonNode prompt) {
        if (!prompt.isArray()) {
            return false;
        }
        for (JsonNode id : prompt) {
            if (!id.canConvertToInt() || !id.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }

    private static String optionalText(JsonNode request, String field) throws ApiError {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.invalidRequest(field + ": Input should be a valid string");
        }
        return value.asText();
    }

    private static int optionalInt(JsonNode request, String field, int fallback) throws ApiError {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiError.invalidRequest(field + ": Input should be a valid integer");
        }
        return value.intValue();
    }

    private static Long optionalLong(JsonNode request, String field) throws ApiError {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiError.invalidRequest(field + ": Input should be a valid integer");
        }
        return value.longValue();
    }

    private static void optionalNumber(JsonNode request, String field) throws ApiError {
        JsonNode value = request.get(field);
        if (value != null && !value.isNull() && !value.isNumber()) {
            throw ApiError.invalidRequest(field + ": Input should be a valid number");
        }
    }

    private static boolean optionalBoolean(JsonNode request, String field, boolean fallback) throws ApiError {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw ApiError.invalidRequest(field + ": Input should be a valid boolean");
        }
        return value.booleanValue();
    }
}
