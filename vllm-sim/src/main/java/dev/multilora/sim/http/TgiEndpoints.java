package dev.multilora.sim.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multilora.sim.cli.DialectSettings;
import dev.multilora.sim.cli.ServeConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** TGI's GET /info (the Info struct) and GET /v1/models (openai_get_model_info), router/src/server.rs. */
final class TgiEndpoints {

    /** The TGI release whose API the stand-in follows, marked as a simulation. */
    static final String VERSION = "3.3.6-sim";

    private final Buffer info;
    private final Buffer models;
    private final Replies replies;

    TgiEndpoints(ObjectMapper json, ServeConfig config, Replies replies) {
        DialectSettings.Tgi settings = (DialectSettings.Tgi) config.settings();
        this.replies = replies;
        ObjectNode body = json.createObjectNode()
                .put("model_id", config.model())
                .putNull("model_sha")
                .put("model_dtype", "torch.float16")
                .put("model_device_type", "cuda")
                .put("model_pipeline_tag", "text-generation")
                .put("max_concurrent_requests", settings.maxConcurrentRequests())
                .put("max_best_of", 2)
                .put("max_stop_sequences", 4)
                .put("max_input_tokens", settings.maxInputTokens())
                .put("max_total_tokens", settings.maxTotalTokens())
                .put("validation_workers", 2)
                .put("max_client_batch_size", 4)
                .put("router", "text-generation-router")
                .put("version", VERSION)
                .putNull("sha")
                .putNull("docker_label");
        this.info = Buffer.buffer(body.toString());
        ObjectNode list = json.createObjectNode().put("object", "list");
        list.putArray("data").addObject()
                .put("id", config.model())
                .put("object", "model")
                .put("created", 0)
                .put("owned_by", config.model());
        this.models = Buffer.buffer(list.toString());
    }

    void info(HttpServerResponse response) {
        replies.json(response, 200, info);
    }

    /** Only the base model: TGI lists no adapters anywhere. */
    void models(HttpServerResponse response) {
        replies.json(response, 200, models);
    }
}
