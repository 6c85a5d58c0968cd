package dev.multilora.sim.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multilora.sim.adapter.AdapterRegistry;
import dev.multilora.sim.cli.DialectSettings;
import dev.multilora.sim.cli.ServeConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** SGLang's /get_server_info and /get_model_info (entrypoints/http_server.py). */
final class SglangEndpoints {

    /** The SGLang release line whose API the stand-in follows, marked as a simulation. */
    static final String VERSION = "0.5.5-sim";

    private final ObjectMapper json;
    private final ServeConfig config;
    private final DialectSettings.Sglang settings;
    private final AdapterRegistry adapters;
    private final Replies replies;

    SglangEndpoints(ObjectMapper json, ServeConfig config, AdapterRegistry adapters, Replies replies) {
        this.json = json;
        this.config = config;
        this.settings = (DialectSettings.Sglang) config.settings();
        this.adapters = adapters;
        this.replies = replies;
    }

    /** The ServerArgs fields a client reads, plus version; lora_paths as SGLang normalises them. */
    void serverInfo(HttpServerResponse response) {
        ObjectNode info = json.createObjectNode()
                .put("model_path", config.model())
                .put("served_model_name", config.servedModelNames().get(0))
                .put("host", config.host())
                .put("port", config.port())
                .put("enable_lora", config.enableLora())
                .put("max_loras_per_batch", settings.maxLorasPerBatch());
        if (settings.maxLoadedLoras() == null) {
            info.putNull("max_loaded_loras");
        } else {
            info.put("max_loaded_loras", settings.maxLoadedLoras());
        }
        if (settings.maxLoraRank() == null) {
            info.putNull("max_lora_rank");
        } else {
            info.put("max_lora_rank", settings.maxLoraRank());
        }
        if (settings.loraTargetModules().isEmpty()) {
            info.putNull("lora_target_modules");
        } else {
            settings.loraTargetModules().forEach(info.putArray("lora_target_modules")::add);
        }
        ArrayNode loraPaths = info.putArray("lora_paths");
        for (AdapterRegistry.Registered registered : adapters.all()) {
            loraPaths.addObject().put("lora_name", registered.adapter().name())
                    .put("lora_path", registered.adapter().path()).put("pinned", false);
        }
        info.put("max_running_requests", settings.maxRunningRequests())
                .put("context_length", settings.contextLength())
                .put("enable_metrics", settings.metrics())
                .put("random_seed", config.seed())
                .put("tp_size", 1)
                .put("version", VERSION);
        info.putArray("internal_states").addObject()
                .put("max_total_num_tokens", config.engine().kvCacheTokens())
                .put("max_running_requests", settings.maxRunningRequests());
        replies.json(response, 200, Buffer.buffer(info.toString()));
    }

    void modelInfo(HttpServerResponse response) {
        ObjectNode info = json.createObjectNode()
                .put("model_path", config.model())
                .put("tokenizer_path", config.model())
                .put("is_generation", true)
                .putNull("preferred_sampling_params")
                .put("weight_version", "default");
        replies.json(response, 200, Buffer.buffer(info.toString()));
    }
}
