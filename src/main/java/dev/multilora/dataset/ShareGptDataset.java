package dev.multilora.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A ShareGPT file (a JSON array of {"conversations": [{"from": "human", "value": ...}, ...]}) as a
 * JSONL dataset: each conversation's first human turn is the prompt, as vLLM's benchmark takes it.
 * Read as a stream, one conversation at a time, since such files run to gigabytes. Every
 * conversation becomes one line, in order: one without a human turn becomes a line without a
 * prompt, so the run reports it as invalid instead of it vanishing.
 */
public final class ShareGptDataset {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonFactory factory = JSON.getFactory();

    /** True for a file whose first non-blank character opens a JSON array: not JSONL. */
    public static boolean looksLikeShareGpt(Path file) {
        if (!file.getFileName().toString().endsWith(".json")) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
            return c == '[';
        } catch (IOException e) {
            return false;
        }
    }

    /** @throws IllegalArgumentException naming the file when it is not a JSON array of conversations */
    public Path convert(Path source, Path target) {
        try {
            Files.createDirectories(target.getParent());
            try (JsonParser parser = factory.createParser(source.toFile());
                 Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw new IllegalArgumentException(source + " is not a ShareGPT file: it does not hold a JSON array");
                }
                int index = 0;
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode conversation = JSON.readTree(parser);
                    writeLine(out, conversation, index++);
                }
                if (parser.currentToken() != JsonToken.END_ARRAY) {
                    throw new IllegalArgumentException(source + " is not a ShareGPT file: entry " + index + " is not an object");
                }
            }
            return target;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + source + " as ShareGPT: " + e.getMessage(), e);
        }
    }

    private void writeLine(Writer out, JsonNode conversation, int index) throws IOException {
        String prompt = null;
        for (JsonNode turn : conversation.path("conversations")) {
            if ("human".equals(turn.path("from").asText()) && turn.path("value").isTextual()) {
                prompt = turn.path("value").asText();
                break;
            }
        }
        try (JsonGenerator generator = factory.createGenerator(out)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.writeStartObject();
            if (prompt != null && !prompt.isEmpty()) {
                generator.writeStringField("prompt", prompt);
            } else {
                generator.writeStringField("sharegpt_conversation", conversation.path("id").asText(Integer.toString(index)));
            }
            generator.writeEndObject();
        }
        out.write('\n');
    }
}
