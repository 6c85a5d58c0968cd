package dev.multilora.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * One server-sent event of a /v1/completions or /v1/chat/completions stream, pulled from its JSON
 * with Jackson's streaming parser: only the fields the benchmark reads, without building a tree per
 * event (a stream has one event per token, so this is the client's hottest path). Both endpoints'
 * chunks are read alike: their text is choices[0].text (completions) or choices[0].delta.content
 * (chat), and an event with a non-empty "choices" is a content event either way, as vLLM's
 * benchmark counts it (so a chat stream's role-only first chunk is one).
 *
 * @param content            the event has a non-empty "choices": a content event
 * @param text               choices[0].text or choices[0].delta.content; empty when absent or null
 * @param completionTokens   usage.completion_tokens; null when absent
 * @param promptTokens       usage.prompt_tokens; null when absent
 * @param truth              usage.sim_timing (the bundled stand-in's): the adapter load and the adapter that ran
 * @param error              the message of an error event (vLLM's nested {"error":{...}} or older flat
 *                           {"object":"error","message":...}); null for other events
 */
record StreamEvent(boolean content, String text, Integer completionTokens, Integer promptTokens, ServerTruth truth,
                   String error) {
    private static final JsonFactory JSON = new JsonFactory();

    /** Parses the UTF-8 JSON in {@code bytes[offset, offset + length)}, as it came off the wire. */
    static StreamEvent parse(byte[] bytes, int offset, int length) throws IOException {
        try (JsonParser parser = JSON.createParser(bytes, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            Fields fields = new Fields();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "choices" -> fields.choices(parser, value);
                    case "usage" -> fields.usage(parser, value);
                    case "error" -> fields.error(parser, value);
                    case "object" -> fields.flatError = value == JsonToken.VALUE_STRING && "error".equals(parser.getText());
                    case "message" -> fields.message = value == JsonToken.VALUE_STRING ? parser.getText() : skip(parser, null);
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new IOException("not a single JSON object");
            }
            String error = fields.error != null ? fields.error : fields.flatError ? (fields.message == null ? "error" : fields.message) : null;
            return new StreamEvent(fields.content, fields.text, fields.completionTokens, fields.promptTokens,
                    fields.simTiming ? new ServerTruth(fields.adapterLoadSeconds, fields.namesAdapter, fields.servedAdapter)
                            : ServerTruth.UNTOLD, error);
        }
    }

    private static String skip(JsonParser parser, String result) throws IOException {
        parser.skipChildren();
        return result;
    }

    private static final class Fields {
        boolean content;
        String text = "";
        Integer completionTokens;
        Integer promptTokens;
        boolean simTiming;
        Double adapterLoadSeconds;
        boolean namesAdapter;
        String servedAdapter;
        String error;
        boolean flatError;
        String message;

        void choices(JsonParser parser, JsonToken value) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                parser.skipChildren();
                return;
            }
            boolean first = true;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                content = true;
                if (first && parser.currentToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        JsonToken token = parser.nextToken();
                        if (token == JsonToken.VALUE_STRING && "text".equals(field)) {
                            text = parser.getText();
                        } else if (token == JsonToken.START_OBJECT && "delta".equals(field)) {
                            delta(parser);
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
                first = false;
            }
        }

        /** A chat chunk's delta: its content is the text; role (the first chunk's) and the rest are skipped. */
        private void delta(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isContent = "content".equals(parser.currentName());
                if (parser.nextToken() == JsonToken.VALUE_STRING && isContent) {
                    text = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        }

        void usage(JsonParser parser, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "completion_tokens" -> completionTokens = token == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : null;
                    case "prompt_tokens" -> promptTokens = token == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : null;
                    case "sim_timing" -> simTiming(parser, token);
                    default -> parser.skipChildren();
                }
            }
        }

        private void simTiming(JsonParser parser, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            simTiming = true;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("lora_load_ms".equals(name) && token.isNumeric()) {
                    adapterLoadSeconds = parser.getDoubleValue() / 1000;
                } else if ("lora_name".equals(name) && (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NULL)) {
                    namesAdapter = true;
                    servedAdapter = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                } else {
                    parser.skipChildren();
                }
            }
        }

        void error(JsonParser parser, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                error = parser.getText();
                return;
            }
            if (value != JsonToken.START_OBJECT) {
                error = skip(parser, parser.getValueAsString("error"));
                return;
            }
            String found = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isMessage = "message".equals(parser.currentName());
                if (parser.nextToken() == JsonToken.VALUE_STRING && isMessage) {
                    found = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            error = found == null ? "error" : found;
        }
    }
}
