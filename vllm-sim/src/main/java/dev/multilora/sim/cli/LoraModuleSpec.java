package dev.multilora.sim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One --lora-modules value, in either of vLLM's forms: {@code name=path} or
 * {@code {"name": ..., "path": ..., "base_model_name": ...}}.
 *
 * @param baseModelName null unless given in the JSON form
 */
public record LoraModuleSpec(String name, String path, String baseModelName) {

    private static final Set<String> JSON_FIELDS = Set.of("name", "path", "base_model_name");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalArgumentException with vLLM's argparse message */
    public static LoraModuleSpec parse(String value) {
        if (value.contains("=") && !value.contains(",") && !value.trim().startsWith("{")) {
            int equals = value.indexOf('=');
            return new LoraModuleSpec(value.substring(0, equals), value.substring(equals + 1), null);
        }
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON format for --lora-modules: " + value);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("Invalid JSON format for --lora-modules: " + value);
        }
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(field -> {
            if (!JSON_FIELDS.contains(field)) {
                unknown.add(field);
            }
        });
        if (!unknown.isEmpty() || !node.path("name").isTextual() || !node.path("path").isTextual()) {
            throw new IllegalArgumentException("Invalid fields for --lora-modules: " + value);
        }
        JsonNode base = node.get("base_model_name");
        return new LoraModuleSpec(
                node.get("name").asText(),
                node.get("path").asText(),
                base == null || base.isNull() ? null : base.asText());
    }
}
