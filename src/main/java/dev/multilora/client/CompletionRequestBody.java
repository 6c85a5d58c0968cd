package dev.multilora.client;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.engine.ServedAdapters;
import dev.multilora.engine.ServingEngine;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.run.PlannedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of /v1/completions, or of /v1/chat/completions with "messages" in place of
 * "prompt" (generation.endpoint: chat), in the engine's dialect: the adapter is selected the way the
 * engine reads it (vLLM: its name in "model"; vLLM has no lora_request body field and would
 * silently run the base model), and the sampling fields are named as the engine names them.
 */
public final class CompletionRequestBody {

    public Map<String, Object> build(PlannedRequest request, EffectiveConfig config, ServingEngine engine, ServedAdapters served) {
        Map<String, Object> body = new LinkedHashMap<>();
        engine.selectAdapter(body, request.adapterName(), served);
        if (BenchmarkRun.isChat(config)) {
            body.put("messages", messages(request));
        } else {
            body.put("prompt", request.prompt());
        }
        body.put("max_tokens", request.maxTokens() != null ? request.maxTokens() : config.integer(Setting.MAX_TOKENS));
        body.put("temperature", config.decimal(Setting.TEMPERATURE));
        body.put("top_p", config.decimal(Setting.TOP_P));
        body.put("top_k", config.integer(Setting.TOP_K));
        engine.dropRefusedSampling(body);
        if (config.flag(Setting.IGNORE_EOS)) {
            engine.ignoreEosField().ifPresent(field -> body.put(field, true));
        }
        config.optionalInteger(Setting.MIN_TOKENS).ifPresent(min -> body.put("min_tokens", min));
        if (config.flag(Setting.STREAM)) {
            body.put("stream", true);
            body.put("stream_options", Map.of("include_usage", true));
        }
        return body;
    }

    /**
     * A messages line's array as the dataset gave it (already checked, written out verbatim), or a
     * prompt as one user message with plain-string content, which every engine accepts.
     */
    private static Object messages(PlannedRequest request) {
        if (request.messages()) {
            return new RawValue(request.prompt());
        }
        return List.of(Map.of("role", "user", "content", request.prompt()));
    }
}
