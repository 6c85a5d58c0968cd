package dev.multilora.sim.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multilora.sim.adapter.AdapterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * GET /v1/models: one card per served name, then one per adapter, in vLLM's ModelCard shape (SGLang's
 * newer versions use the same shape without the permission list).
 */
final class ModelsHandler {

    private final ObjectMapper json;
    private final ServedModel model;
    private final AdapterRegistry adapters;
    private final Replies replies;
    private final String ownedBy;
    private final boolean permissions;
    private final long startedAtSeconds = System.currentTimeMillis() / 1000;

    ModelsHandler(ObjectMapper json, ServedModel model, AdapterRegistry adapters, Replies replies) {
        this(json, model, adapters, replies, "vllm", true);
    }

    ModelsHandler(ObjectMapper json, ServedModel model, AdapterRegistry adapters, Replies replies, String ownedBy,
            boolean permissions) {
        this.json = json;
        this.model = model;
        this.adapters = adapters;
        this.replies = replies;
        this.ownedBy = ownedBy;
        this.permissions = permissions;
    }

    void handle(HttpServerResponse response) {
        ObjectNode list = json.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String name : model.names()) {
            ObjectNode card = card(data, name, startedAtSeconds, model.root());
            card.putNull("parent");
            card.put("max_model_len", model.maxModelLen());
            if (permissions) {
                permission(card, startedAtSeconds);
            }
        }
        for (AdapterRegistry.Registered registered : adapters.all()) {
            ObjectNode card = card(data, registered.adapter().name(), registered.createdSeconds(),
                    registered.adapter().path());
            card.put("parent", registered.adapter().parent());
            card.putNull("max_model_len");
            if (permissions) {
                permission(card, registered.createdSeconds());
            }
        }
        replies.json(response, 200, Buffer.buffer(list.toString()));
    }

    private ObjectNode card(ArrayNode data, String id, long created, String root) {
        return data.addObject()
                .put("id", id)
                .put("object", "model")
                .put("created", created)
                .put("owned_by", ownedBy)
                .put("root", root);
    }

    private static void permission(ObjectNode card, long created) {
        card.putArray("permission").addObject()
                .put("id", "modelperm-" + Long.toHexString(Integer.toUnsignedLong(card.get("id").asText().hashCode())))
                .put("object", "model_permission")
                .put("created", created)
                .put("allow_create_engine", false)
                .put("allow_sampling", true)
                .put("allow_logprobs", true)
                .put("allow_search_indices", false)
                .put("allow_view", true)
                .put("allow_fine_tuning", false)
                .put("organization", "*")
                .putNull("group")
                .put("is_blocking", false);
    }
}
