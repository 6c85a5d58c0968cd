package dev.multilora.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

/**
 * Turns one raw JSONL line into a {@link DatasetLine}. Every way a line can be wrong becomes an
 * invalid line with a reason a user can act on; nothing is thrown, so one bad line never stops a run.
 */
public final class LineParser {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** True for lines that hold nothing but white space (also a lone BOM or CR): they are skipped. */
    public boolean isBlank(String raw) {
        return clean(raw).isBlank();
    }

    public DatasetLine parse(String raw, int lineNumber, boolean adapterRequired) {
        String text = clean(raw);
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            return DatasetLine.invalid(lineNumber, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return DatasetLine.invalid(lineNumber, "expected a JSON object, found " + describe(node));
        }
        JsonNode prompt = node.get("prompt");
        if (prompt == null || prompt.isNull()) {
            return DatasetLine.invalid(lineNumber, "missing \"prompt\"");
        }
        if (!prompt.isTextual()) {
            return DatasetLine.invalid(lineNumber, "\"prompt\" must be a string, found " + describe(prompt));
        }
        if (prompt.textValue().isBlank()) {
            return DatasetLine.invalid(lineNumber, "\"prompt\" is empty");
        }
        int loneSurrogate = loneSurrogate(prompt.textValue());
        if (loneSurrogate >= 0) {
            return DatasetLine.invalid(lineNumber, String.format("\"prompt\" holds a lone surrogate \\u%04X at character %d: not text"
                    + " any server can encode", (int) prompt.textValue().charAt(loneSurrogate), loneSurrogate + 1));
        }
        JsonNode adapter = node.get("adapter_name");
        String adapterName = null;
        if (adapter != null && !adapter.isNull()) {
            if (!adapter.isTextual()) {
                return DatasetLine.invalid(lineNumber, "\"adapter_name\" must be a string, found " + describe(adapter));
            }
            if (adapter.textValue().isBlank()) {
                return DatasetLine.invalid(lineNumber, "\"adapter_name\" is empty");
            }
            adapterName = adapter.textValue();
        }
        if (adapterName == null && adapterRequired) {
            return DatasetLine.invalid(lineNumber,
                    "missing \"adapter_name\" (required when benchmark.random_adapter_assignment is false)");
        }
        JsonNode maxTokens = node.get("max_tokens");
        if (maxTokens != null && !maxTokens.isNull() && (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt()
                || maxTokens.intValue() < 1)) {
            return DatasetLine.invalid(lineNumber, "\"max_tokens\" must be a whole number >= 1, found " + maxTokens);
        }
        return DatasetLine.valid(lineNumber, prompt.textValue(), adapterName,
                maxTokens == null || maxTokens.isNull() ? null : maxTokens.intValue());
    }

    private static String clean(String raw) {
        String text = raw;
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static String describe(JsonNode node) {
        if (node == null || node.getNodeType() == JsonNodeType.MISSING) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case NULL -> "null";
            case OBJECT -> "an object";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Index of the first UTF-16 surrogate without its pair (JSON's \\uD800 escapes allow them), or -1. */
    private static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
