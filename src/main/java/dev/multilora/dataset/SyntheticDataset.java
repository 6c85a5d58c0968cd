package dev.multilora.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A dataset made up for a benchmark, as `vllm bench serve --dataset-name random` makes one: N
 * prompts of about L tokens each, drawn with the run's seed, so the same seed gives the same file.
 * Prompts are common English words, nearly every one a single token to a BPE tokenizer, each prompt
 * starting differently so no two share a cached prefix.
 */
public final class SyntheticDataset {
    private static final String[] WORDS = ("the of and to in is you that it he was for on are as with his they at be this have from"
            + " or one had by word but not what all were we when your can said there use an each which she do how their if will up"
            + " other about out many then them these so some her would make like him into time has look two more write go see number"
            + " no way could people my than first water been call who oil its now find long down day did get come made may part over"
            + " new sound take only little work know place year live me back give most very after thing our just name good sentence"
            + " man think say great where help through much before line right too mean old any same tell boy follow came want show"
            + " also around form three small set put end does another well large must big even such because turn here why ask went"
            + " men read need land different home us move try kind hand picture again change off play spell air away animal house").split(" ");

    private final JsonFactory json = new JsonFactory();

    /** Writes {@code lines} prompts of {@code promptTokens} words to {@code file}, as JSONL {"prompt": ...}. */
    public Path write(Path file, int lines, int promptTokens, long seed) {
        if (lines < 1 || promptTokens < 1) {
            throw new IllegalArgumentException("a synthetic dataset needs at least one line of at least one token");
        }
        Random random = new Random(seed);
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int line = 0; line < lines; line++) {
                    StringBuilder prompt = new StringBuilder(promptTokens * 6);
                    for (int token = 0; token < promptTokens; token++) {
                        prompt.append(token == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
                    }
                    try (JsonGenerator generator = json.createGenerator(out)) {
                        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                        generator.writeStartObject();
                        generator.writeStringField("prompt", prompt.toString());
                        generator.writeEndObject();
                    }
                    out.write('\n');
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic dataset " + file, e);
        }
    }
}
