package dev.multilora.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

/**
 * Turns one raw JSONL line into a {@link DatasetLine}. Every way a line can be wrong becomes an
 * invalid line with a reason a user can act on; nothing is thrown, so one bad line never stops a run.
 * A line holds a {@code prompt} or, for generation.endpoint: chat, OpenAI chat {@code messages}.
 */
public final class LineParser {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final boolean chat;

    /** For generation.endpoint: completions, where a line needs a prompt. */
    public LineParser() {
        this(false);
    }

    /** @param chat generation.endpoint is chat: a line may hold messages instead of a prompt */
    public LineParser(boolean chat) {
        this.chat = chat;
    }

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
        JsonNode messages = node.get("messages");
        boolean hasMessages = messages != null && !messages.isNull();
        String textProblem = hasMessages ? messagesProblem(prompt, messages, lineNumber) : promptProblem(prompt);
        if (textProblem != null) {
            return DatasetLine.invalid(lineNumber, textProblem);
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
        Integer lineMaxTokens = maxTokens == null || maxTokens.isNull() ? null : maxTokens.intValue();
        return hasMessages ? DatasetLine.chat(lineNumber, messages.toString(), adapterName, lineMaxTokens)
                : DatasetLine.valid(lineNumber, prompt.textValue(), adapterName, lineMaxTokens);
    }

    /** What is wrong with a line's prompt, or null. */
    private String promptProblem(JsonNode prompt) {
        if (prompt == null || prompt.isNull()) {
            return chat ? "missing \"prompt\" or \"messages\"" : "missing \"prompt\"";
        }
        if (!prompt.isTextual()) {
            return "\"prompt\" must be a string, found " + describe(prompt);
        }
        if (prompt.textValue().isBlank()) {
            return "\"prompt\" is empty";
        }
        return surrogateProblem("\"prompt\"", prompt.textValue());
    }

    /**
     * What is wrong with a line's messages, or null: only under generation.endpoint: chat, never
     * beside a prompt, and a non-empty array of objects whose role is a non-empty string and whose
     * content is a string (plain-string content is what every engine takes).
     */
    private String messagesProblem(JsonNode prompt, JsonNode messages, int lineNumber) {
        if (prompt != null && !prompt.isNull()) {
            return "has both \"prompt\" and \"messages\": give one of them";
        }
        if (!chat) {
            return "line " + lineNumber + " holds chat \"messages\", which /v1/completions does not take:"
                    + " set generation.endpoint: chat to send it to /v1/chat/completions";
        }
        if (!messages.isArray()) {
            return "\"messages\" must be an array of {\"role\", \"content\"} objects, found " + describe(messages);
        }
        if (messages.isEmpty()) {
            return "\"messages\" is empty";
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String at = "\"messages\"[" + i + "]";
            if (!message.isObject()) {
                return at + " must be an object with string \"role\" and \"content\", found " + describe(message);
            }
            JsonNode role = message.get("role");
            if (role == null || !role.isTextual() || role.textValue().isBlank()) {
                return at + ".role must be a non-empty string, found "
                        + (role != null && role.isTextual() ? "an empty string" : describe(role));
            }
            JsonNode content = message.get("content");
            if (content == null || !content.isTextual()) {
                return at + ".content must be a string, found " + describe(content)
                        + (content != null && content.isArray() ? " (content parts are not supported: give the text as a string)" : "");
            }
            String problem = surrogateProblem(at + ".role", role.textValue());
            if (problem == null) {
                problem = surrogateProblem(at + ".content", content.textValue());
            }
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String surrogateProblem(String field, String text) {
        int loneSurrogate = loneSurrogate(text);
        if (loneSurrogate < 0) {
            return null;
        }
        return String.format("%s holds a lone surrogate \\u%04X at character %d: not text any server can encode", field,
                (int) text.charAt(loneSurrogate), loneSurrogate + 1);
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
