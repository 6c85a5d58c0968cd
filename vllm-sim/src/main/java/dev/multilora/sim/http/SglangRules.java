package dev.multilora.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multilora.sim.adapter.Adapter;
import dev.multilora.sim.adapter.AdapterRegistry;
import java.util.stream.Collectors;

/**
 * SGLang: {@code "model": "BASE:ADAPTER"} (split at the first colon, both parts stripped) or a
 * top-level {@code "lora_path": "ADAPTER"}, the model's adapter winning (serving_base.py
 * _resolve_lora_path). The part before the colon is not checked, so a bare adapter name runs the
 * base model. An adapter that is not loaded is a 400 (lora_registry.py).
 */
final class SglangRules implements CompletionRules {

    private final ServedModel model;
    private final AdapterRegistry adapters;
    private final boolean loraEnabled;

    SglangRules(ServedModel model, AdapterRegistry adapters, boolean loraEnabled) {
        this.model = model;
        this.adapters = adapters;
        this.loraEnabled = loraEnabled;
    }

    @Override
    public Selection select(CompletionParams params) throws ApiError {
        String requested = params.model();
        String responseModel = requested != null ? requested : model.primaryName();
        String name = adapterOf(requested);
        if (name == null) {
            name = loraPath(params.request().get("lora_path"));
        }
        if (name == null) {
            return Selection.base(responseModel);
        }
        if (!loraEnabled) {
            throw ApiError.typed(400, "BadRequestError", "LoRA adapter '" + name + "' was requested, but LoRA is "
                    + "not enabled. Please launch the server with --enable-lora flag and preload adapters with "
                    + "--lora-paths or /load_lora_adapter endpoint.");
        }
        Adapter adapter = adapters.find(name);
        if (adapter == null) {
            String loaded = adapters.all().stream().map(registered -> "'" + registered.adapter().name() + "'")
                    .collect(Collectors.joining(", "));
            throw ApiError.typed(400, "BadRequestError", "The following requested LoRA adapters are not loaded: "
                    + name + "\nLoaded adapters: odict_keys([" + loaded + "]).");
        }
        return new Selection(adapter.name(), 1, responseModel);
    }

    /** The adapter after the first colon; null without a colon or when nothing follows it. */
    static String adapterOf(String model) {
        if (model == null || !model.contains(":")) {
            return null;
        }
        String adapter = model.substring(model.indexOf(':') + 1).strip();
        return adapter.isEmpty() ? null : adapter;
    }

    private static String loraPath(JsonNode loraPath) throws ApiError {
        if (loraPath == null || loraPath.isNull()) {
            return null;
        }
        if (loraPath.isTextual()) {
            return loraPath.asText();
        }
        if (loraPath.isArray() && loraPath.size() == 1 && (loraPath.get(0).isTextual() || loraPath.get(0).isNull())) {
            return loraPath.get(0).isNull() ? null : loraPath.get(0).asText();
        }
        throw ApiError.typed(400, "BadRequestError", "lora_path must be a string, or a list of one for one prompt");
    }

    @Override
    public int outputLimit(CompletionParams params) throws ApiError {
        int contextLength = model.maxModelLen();
        if (params.promptTokens() >= contextLength) {
            throw ApiError.typed(400, "BadRequestError", "The input (" + params.promptTokens()
                    + " tokens) is longer than the model's context length (" + contextLength + " tokens).");
        }
        int total = params.promptTokens() + params.maxTokens();
        if (total > contextLength) {
            throw ApiError.typed(400, "BadRequestError", "Requested token count exceeds the model's maximum context "
                    + "length of " + contextLength + " tokens. You requested a total of " + total + " tokens: "
                    + params.promptTokens() + " tokens from the input messages and " + params.maxTokens()
                    + " tokens for the completion. Please reduce the number of tokens in the input messages or the "
                    + "completion to fit within the limit.");
        }
        return params.maxTokens();
    }
}
