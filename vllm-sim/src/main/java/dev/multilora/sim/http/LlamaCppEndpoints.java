package dev.multilora.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multilora.sim.adapter.AdapterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.List;

/** llama-server's catalog endpoints: /health, /v1/models, /props and /lora-adapters (tools/server README). */
final class LlamaCppEndpoints {

    /** What --version and /props report; "sim" in place of the commit. */
    static final String BUILD_INFO = "b9186-sim";

    private final ObjectMapper json;
    private final ServedModel model;
    private final AdapterRegistry adapters;
    private final LoraScales scales;
    private final int slots;
    private final int defaultPredict;
    private final Replies replies;
    private final long startedAtSeconds = System.currentTimeMillis() / 1000;

    LlamaCppEndpoints(ObjectMapper json, ServedModel model, AdapterRegistry adapters, LoraScales scales, int slots,
            int defaultPredict, Replies replies) {
        this.json = json;
        this.model = model;
        this.adapters = adapters;
        this.scales = scales;
        this.slots = slots;
        this.defaultPredict = defaultPredict;
        this.replies = replies;
    }

    void health(HttpServerResponse response, boolean engineAlive) {
        if (engineAlive) {
            replies.json(response, 200, Buffer.buffer("{\"status\":\"ok\"}"));
        } else {
            replies.error(response, ApiError.typed(500, "server_error", "the engine thread has died"));
        }
    }

    /** "always has one single element": the base model; adapters are not listed. */
    void models(HttpServerResponse response) {
        ObjectNode list = json.createObjectNode().put("object", "list");
        list.putArray("data").addObject()
                .put("id", model.primaryName())
                .put("object", "model")
                .put("created", startedAtSeconds)
                .put("owned_by", "llamacpp")
                .putObject("meta")
                .put("vocab_type", 1)
                .put("n_vocab", 32000)
                .put("n_ctx_train", 4096)
                .put("n_embd", 4096)
                .put("n_params", 6738415616L)
                .put("size", 13476839424L);
        replies.json(response, 200, Buffer.buffer(list.toString()));
    }

    void props(HttpServerResponse response) {
        ObjectNode props = json.createObjectNode();
        ObjectNode settings = props.putObject("default_generation_settings");
        settings.put("n_ctx", model.maxModelLen());
        ObjectNode params = settings.putObject("params");
        params.put("n_predict", defaultPredict);
        loraList(params.putArray("lora"), false);
        props.put("total_slots", slots)
                .put("model_path", model.root())
                .put("chat_template", "")
                .put("build_info", BUILD_INFO)
                .put("is_sleeping", false);
        props.putObject("modalities").put("vision", false).put("audio", false);
        replies.json(response, 200, Buffer.buffer(props.toString()));
    }

    void listAdapters(HttpServerResponse response) {
        ArrayNode list = json.createArrayNode();
        loraList(list, true);
        replies.json(response, 200, Buffer.buffer(list.toString()));
    }

    /** POST /lora-adapters [{"id","scale"}...]: sets the global scales; ids it does not list get 0. */
    void setAdapters(HttpServerResponse response, Buffer body) {
        try {
            JsonNode request = json.readTree(body.getBytes());
            double[] requested = LlamaCppRules.requestScales(request, scales.size());
            scales.set(requested == null ? new double[scales.size()] : requested);
            replies.json(response, 200, Buffer.buffer("{\"success\":true}"));
        } catch (IOException e) {
            replies.error(response, ApiError.typed(400, "invalid_request_error", "Invalid JSON: " + e.getMessage()));
        } catch (ApiError e) {
            replies.error(response, e);
        }
    }

    private void loraList(ArrayNode list, boolean withPath) {
        double[] current = scales.current();
        List<AdapterRegistry.Registered> registered = adapters.all();
        for (int id = 0; id < registered.size() && id < current.length; id++) {
            ObjectNode adapter = list.addObject().put("id", id);
            if (withPath) {
                adapter.put("path", registered.get(id).adapter().path());
            }
            adapter.put("scale", current[id]);
        }
    }
}
