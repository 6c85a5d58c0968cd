package dev.multilora.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multilora.sim.adapter.Adapter;
import dev.multilora.sim.adapter.AdapterRegistry;

/**
 * TGI: {@code "model"} is the adapter id, {@code "tgi"} or no model the base model
 * ({@code adapter_id: model.filter(|m| *m != "tgi")}, router/src/server.rs). An id that is not a
 * loaded adapter, the base model's id included, runs the base model with 200
 * ({@code ADAPTER_TO_INDEX.get(adapter_id, 0)} in the Python server). Responses always name the base
 * model. Sampling and length errors are 422s of type "validation" (router/src/validation.rs).
 */
final class TgiRules implements CompletionRules {

    static final String BASE_ALIAS = "tgi";

    private final ServedModel model;
    private final AdapterRegistry adapters;
    private final int maxInputTokens;

    TgiRules(ServedModel model, AdapterRegistry adapters, int maxInputTokens) {
        this.model = model;
        this.adapters = adapters;
        this.maxInputTokens = maxInputTokens;
    }

    @Override
    public Selection select(CompletionParams params) throws ApiError {
        validateSampling(params.request());
        String requested = params.model();
        Adapter adapter = requested == null || requested.equals(BASE_ALIAS) ? null : adapters.find(requested);
        return adapter == null ? Selection.base(model.primaryName()) : new Selection(adapter.name(), 1, model.primaryName());
    }

    private static void validateSampling(JsonNode request) throws ApiError {
        JsonNode topK = request.get("top_k");
        if (topK != null && !topK.isNull() && topK.asDouble() <= 0) {
            throw validation("`top_k` must be strictly positive");
        }
        JsonNode topP = request.get("top_p");
        if (topP != null && !topP.isNull() && (topP.asDouble() <= 0 || topP.asDouble() >= 1.0)) {
            throw validation("`top_p` must be > 0.0 and < 1.0");
        }
        JsonNode temperature = request.get("temperature");
        if (temperature != null && !temperature.isNull() && temperature.asDouble() < 0) {
            throw validation("`temperature` must be strictly positive");
        }
    }

    /** --max-input-tokens bounds the prompt, --max-total-tokens the prompt and the output together. */
    @Override
    public int outputLimit(CompletionParams params) throws ApiError {
        int prompt = params.promptTokens();
        int maxTotalTokens = model.maxModelLen();
        if (prompt > maxInputTokens) {
            throw validation("`inputs` must have less than " + maxInputTokens + " tokens. Given: " + prompt);
        }
        int maxTokens = params.maxTokens() == -1 ? maxTotalTokens - prompt : params.maxTokens();
        if (prompt + maxTokens > maxTotalTokens) {
            throw validation("`inputs` tokens + `max_new_tokens` must be <= " + maxTotalTokens + ". Given: " + prompt
                    + " `inputs` tokens and " + maxTokens + " `max_new_tokens`");
        }
        return maxTokens;
    }

    static ApiError validation(String message) {
        return ApiError.typed(422, "validation", "Input validation error: " + message);
    }
}
