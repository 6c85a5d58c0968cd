package dev.multilora.sim.http;

import dev.multilora.sim.adapter.Adapter;
import dev.multilora.sim.adapter.AdapterRegistry;

/** vLLM: {@code model} is a served name (base) or an adapter name; prompt + max_tokens must fit --max-model-len. */
final class VllmRules implements CompletionRules {

    private final ServedModel model;
    private final AdapterRegistry adapters;

    VllmRules(ServedModel model, AdapterRegistry adapters) {
        this.model = model;
        this.adapters = adapters;
    }

    @Override
    public Selection select(CompletionParams params) throws ApiError {
        if (model.isBase(params.model())) {
            return Selection.base(model.primaryName());
        }
        Adapter adapter = adapters.find(params.model());
        if (adapter == null) {
            throw ApiError.notFound("The model `" + params.model() + "` does not exist.", "model");
        }
        return new Selection(adapter.name(), 1, adapter.name());
    }

    @Override
    public int outputLimit(CompletionParams params) throws ApiError {
        int maxModelLen = model.maxModelLen();
        if (params.promptTokens() > maxModelLen) {
            throw ApiError.badRequest("This model's maximum context length is " + maxModelLen
                    + " tokens. However, your request has " + params.promptTokens()
                    + " input tokens. Please reduce the length of the input messages.", "input_tokens");
        }
        int total = params.promptTokens() + params.maxTokens();
        if (total > maxModelLen) {
            throw ApiError.badRequest("This model's maximum context length is " + maxModelLen
                    + " tokens. However, you requested " + params.maxTokens() + " output tokens and your prompt"
                    + " contains at least " + params.promptTokens() + " input tokens, for a total of at least "
                    + total + " tokens. Please reduce the length of the input prompt or the number of requested"
                    + " output tokens.", "max_tokens");
        }
        return params.maxTokens();
    }
}
