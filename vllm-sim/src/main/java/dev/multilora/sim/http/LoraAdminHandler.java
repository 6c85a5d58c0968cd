package dev.multilora.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.sim.adapter.Adapter;
import dev.multilora.sim.adapter.AdapterInspector;
import dev.multilora.sim.adapter.AdapterLoadException;
import dev.multilora.sim.adapter.AdapterRegistry;
import dev.multilora.sim.engine.Engine;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;

/**
 * POST /v1/load_lora_adapter and /v1/unload_lora_adapter, which vLLM registers only when
 * VLLM_ALLOW_RUNTIME_LORA_UPDATING is set. A loaded adapter goes to the CPU cache, as in vLLM.
 */
final class LoraAdminHandler {

    private final ObjectMapper json;
    private final boolean loraEnabled;
    private final String parent;
    private final AdapterInspector inspector;
    private final AdapterRegistry adapters;
    private final Engine engine;
    private final Replies replies;

    LoraAdminHandler(ObjectMapper json, boolean loraEnabled, String parent, AdapterInspector inspector,
            AdapterRegistry adapters, Engine engine, Replies replies) {
        this.json = json;
        this.loraEnabled = loraEnabled;
        this.parent = parent;
        this.inspector = inspector;
        this.adapters = adapters;
        this.engine = engine;
        this.replies = replies;
    }

    void load(HttpServerResponse response, Buffer body) {
        try {
            JsonNode request = read(body);
            String name = request.path("lora_name").asText("");
            String path = request.path("lora_path").asText("");
            if (name.isEmpty() || path.isEmpty()) {
                throw ApiError.invalidUserInput("Both 'lora_name' and 'lora_path' must be provided.");
            }
            boolean inPlace = request.path("load_inplace").asBoolean(false);
            if (adapters.find(name) != null && !inPlace) {
                throw ApiError.invalidUserInput("The lora adapter '" + name + "' has already been loaded. "
                        + "If you want to load the adapter in place, set 'load_inplace' to True.");
            }
            if (!loraEnabled) {
                throw ApiError.badRequest("LoRA is not enabled. Start the server with --enable-lora.", null);
            }
            Adapter adapter = inspect(name, path);
            if (inPlace && adapters.remove(name)) {
                engine.unload(name);
            }
            adapters.add(adapter);
            engine.loadIntoCpuCache(name);
            replies.text(response, 200, "Success: LoRA adapter '" + name + "' added successfully.");
        } catch (ApiError error) {
            replies.error(response, error);
        }
    }

    void unload(HttpServerResponse response, Buffer body) {
        try {
            String name = read(body).path("lora_name").asText("");
            if (name.isEmpty()) {
                throw ApiError.invalidUserInput("'lora_name' needs to be provided to unload a LoRA adapter.");
            }
            if (!adapters.remove(name)) {
                throw ApiError.notFound("The lora adapter '" + name + "' cannot be found.", null);
            }
            engine.unload(name);
            replies.text(response, 200, "Success: LoRA adapter '" + name + "' removed successfully.");
        } catch (ApiError error) {
            replies.error(response, error);
        }
    }

    private Adapter inspect(String name, String path) throws ApiError {
        try {
            return inspector.inspect(name, path, parent);
        } catch (AdapterLoadException e) {
            throw e.isNotFound() ? ApiError.notFound(e.getMessage(), null) : ApiError.badRequest(e.getMessage(), null);
        }
    }

    private JsonNode read(Buffer body) throws ApiError {
        try {
            JsonNode request = json.readTree(body.getBytes());
            if (request == null || !request.isObject()) {
                throw ApiError.invalidRequest("Input should be a valid dictionary or object to extract fields from");
            }
            return request;
        } catch (IOException e) {
            throw ApiError.invalidRequest("JSON decode error: " + e.getMessage());
        }
    }
}
