package dev.multilora.sim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.sim.text.PromptTokenizer;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Reads a /v1/completions or /v1/chat/completions body with vLLM's validation errors and the
 * dialect's defaults. A chat body's prompt is its messages: their tokens are the tokenizer's count
 * over the messages' contents (no chat template is simulated).
 */
final class CompletionParamsParser {

    /** vLLM's (and SGLang's) default max_tokens for /v1/completions. */
    static final int DEFAULT_MAX_TOKENS = 16;

    private final ObjectMapper json;
    private final int maxModelLen;
    private final int defaultMaxTokens;
    private final boolean includeUsageByDefault;
    private final boolean unlimitedAllowed;

    /**
     * vLLM's defaults.
     *
     * @param maxModelLen the context: a chat request without max_tokens may fill what its prompt leaves, as in vLLM
     */
    CompletionParamsParser(ObjectMapper json, int maxModelLen) {
        this(json, maxModelLen, DEFAULT_MAX_TOKENS, true, false);
    }

    /**
     * @param defaultMaxTokens      max_tokens when the request gives none; -1 for until the context is full
     * @param includeUsageByDefault stream_options.include_usage when stream_options omits it
     * @param unlimitedAllowed      whether max_tokens -1 means until the context is full (llama-server's n_predict)
     */
    CompletionParamsParser(ObjectMapper json, int maxModelLen, int defaultMaxTokens, boolean includeUsageByDefault,
            boolean unlimitedAllowed) {
        this.json = json;
        this.maxModelLen = maxModelLen;
        this.defaultMaxTokens = defaultMaxTokens;
        this.includeUsageByDefault = includeUsageByDefault;
        this.unlimitedAllowed = unlimitedAllowed;
    }

    CompletionParams parse(Buffer body) throws ApiError {
        return parse(body, false);
    }

    /** @param chat the body came to /v1/chat/completions: messages instead of prompt, max_completion_tokens too */
    CompletionParams parse(Buffer body, boolean chat) throws ApiError {
        JsonNode request = readObject(body);
        String model = optionalText(request, "model");
        JsonNode prompt = chat ? null : request.get("prompt");
        JsonNode messages = chat ? request.get("messages") : null;
        // a chat request's default max_tokens depends on its prompt; a completion's prompt is read last, as before
        int chatPromptTokens = chat ? messageTokens(messages) : 0;
        int maxTokens = chat
                ? optionalInt(request, "max_completion_tokens", optionalInt(request, "max_tokens", Math.max(1, maxModelLen - chatPromptTokens)))
                : optionalInt(request, "max_tokens", defaultMaxTokens);
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
        int promptTokens = chat ? chatPromptTokens : promptTokens(prompt);
        return new CompletionParams(
                model,
                chat ? messages.toString() : promptKey(prompt),
                promptTokens,
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

    /**
     * A chat request's prompt tokens: the tokenizer over each message's content (a string, or the
     * text of its "text" parts), summed; at least 1, since a real chat template always adds some.
     */
    private static int messageTokens(JsonNode messages) throws ApiError {
        if (messages == null || messages.isNull()) {
            throw ApiError.invalidRequest("messages: Field required");
        }
        if (!messages.isArray()) {
            throw ApiError.invalidRequest("messages: Input should be a valid list");
        }
        int tokens = 0;
        for (JsonNode message : messages) {
            if (!message.isObject() || !message.path("role").isTextual()) {
                throw ApiError.invalidRequest("messages: each message should be an object with a string role");
            }
            JsonNode content = message.get("content");
            if (content == null || content.isNull()) {
                continue;
            }
            if (content.isTextual()) {
                tokens += PromptTokenizer.count(content.asText());
            } else if (content.isArray()) {
                for (JsonNode part : content) {
                    tokens += PromptTokenizer.count(part.path("text").asText(""));
                }
            } else {
                throw ApiError.invalidRequest("messages: content should be a string or a list of parts");
            }
        }
        return Math.max(1, tokens);
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
