package dev.multilora.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Which run of a sweep a run folder is: the values of the sweep's keys in its results.json `config`.
 * Compared as JSON read back from text, so a value written as 8.0 or as 8 compares the way a run
 * folder's own file reads.
 */
final class RunIdentity {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunIdentity() {
    }

    /** The value of a dotted key (lora.max_loras) in a nested config (section, then key). */
    static JsonNode at(JsonNode config, String key) {
        int dot = key.indexOf('.');
        JsonNode value = config.path(key.substring(0, dot)).path(key.substring(dot + 1));
        return value.isMissingNode() ? NullNode.getInstance() : value;
    }

    static JsonNode of(JsonNode results, List<String> keys) {
        ObjectNode identity = JSON.createObjectNode();
        keys.forEach(key -> identity.set(key, at(results.path("config"), key)));
        return normalized(identity);
    }

    /** This identity with one more key set, e.g. a search probe's value. */
    static JsonNode with(JsonNode identity, String key, Object value) {
        ObjectNode copy = identity.deepCopy();
        copy.set(key, JSON.valueToTree(value));
        return normalized(copy);
    }

    static JsonNode normalized(JsonNode node) {
        try {
            return JSON.readTree(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
