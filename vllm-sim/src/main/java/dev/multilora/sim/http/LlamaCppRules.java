package dev.multilora.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multilora.sim.adapter.Adapter;
import dev.multilora.sim.adapter.AdapterRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * llama-server: {@code model} is ignored; {@code "lora": [{"id", "scale"}, ...]} sets each adapter's
 * scale for the request, adapters it does not list get 0, unknown ids are ignored, and without it
 * (or with []) the global scales apply (server-common.cpp parse_lora_request, server-context.cpp
 * construct_lora_list). Adapters with a scale other than 0 are applied (common_set_adapter_lora).
 */
final class LlamaCppRules implements CompletionRules {

    static final String LORA_FORMAT_ERROR = "Error: 'lora' must be an array of objects with 'id' and 'scale' fields";

    private final AdapterRegistry adapters;
    private final LoraScales globalScales;
    private final ServedModel model;

    /** @param adapters in id order, as --lora/--lora-scaled gave them */
    LlamaCppRules(AdapterRegistry adapters, LoraScales globalScales, ServedModel model) {
        this.adapters = adapters;
        this.globalScales = globalScales;
        this.model = model;
    }

    @Override
    public Selection select(CompletionParams params) throws ApiError {
        List<Adapter> adaptersById = adapters.all().stream().map(AdapterRegistry.Registered::adapter).toList();
        double[] scales = requestScales(params.request().get("lora"), adaptersById.size());
        if (scales == null) {
            scales = globalScales.current();
        }
        List<String> applied = new ArrayList<>();
        for (int id = 0; id < Math.min(scales.length, adaptersById.size()); id++) {
            if (scales[id] != 0) {
                String name = adaptersById.get(id).name();
                applied.add(scales[id] == 1 ? name : name + "@" + plain(scales[id]));
            }
        }
        String responseModel = params.model() != null ? params.model() : model.primaryName();
        return applied.isEmpty()
                ? Selection.base(responseModel)
                : new Selection(String.join("+", applied), applied.size(), responseModel);
    }

    /** The request's own scales, or null when it names none (no field, null or []). */
    static double[] requestScales(JsonNode lora, int adapters) throws ApiError {
        if (lora == null || lora.isNull() || lora.isArray() && lora.isEmpty()) {
            return null;
        }
        if (!lora.isArray()) {
            throw ApiError.typed(400, "invalid_request_error", LORA_FORMAT_ERROR);
        }
        double[] scales = new double[adapters];
        for (JsonNode entry : lora) {
            if (!entry.path("id").isIntegralNumber() || !entry.path("scale").isNumber()) {
                throw ApiError.typed(400, "invalid_request_error", LORA_FORMAT_ERROR);
            }
            int id = entry.get("id").asInt();
            if (id >= 0 && id < adapters) {
                scales[id] = entry.get("scale").asDouble();
            }
        }
        return scales;
    }

    /** A slot holds -c / -np tokens (or all of -c when unified); generation stops when it is full. */
    @Override
    public int outputLimit(CompletionParams params) throws ApiError {
        int slotContext = model.maxModelLen();
        if (params.promptTokens() >= slotContext) {
            throw ApiError.typed(400, "exceed_context_size_error", "request (" + params.promptTokens()
                    + " tokens) exceeds the available context size (" + slotContext + " tokens), try increasing it");
        }
        int room = slotContext - params.promptTokens();
        return params.maxTokens() == -1 ? room : Math.min(room, params.maxTokens());
    }

    private static String plain(double scale) {
        return BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString();
    }
}
