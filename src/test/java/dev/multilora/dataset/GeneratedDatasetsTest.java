package dev.multilora.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedDatasetsTest {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aSyntheticDatasetHasNPromptsOfLWordsAndTheSeedDecidesThem() throws IOException {
        List<String> first = Files.readAllLines(new SyntheticDataset().write(work.resolve("a.jsonl"), 5, 12, 7));
        List<String> again = Files.readAllLines(new SyntheticDataset().write(work.resolve("b.jsonl"), 5, 12, 7));
        List<String> other = Files.readAllLines(new SyntheticDataset().write(work.resolve("c.jsonl"), 5, 12, 8));

        assertEquals(5, first.size());
        for (String line : first) {
            assertEquals(12, json.readTree(line).get("prompt").asText().split(" ").length, line);
        }
        assertEquals(first, again);
        assertNotEquals(first, other);
        assertEquals(5, first.stream().distinct().count(), "no two prompts alike");
    }

    @Test
    void shareGptTakesTheFirstHumanTurnAndKeepsEveryConversationAsALine() throws IOException {
        Path source = work.resolve("sg.json");
        Files.writeString(source, """
                [{"id": "x1", "conversations": [{"from": "system", "value": "be nice"}, {"from": "human", "value": "Hi?"},
                                                {"from": "gpt", "value": "Hello"}, {"from": "human", "value": "later"}]},
                 {"id": "x2", "conversations": [{"from": "gpt", "value": "no human here"}]},
                 {"id": "x3", "conversations": [{"from": "human", "value": "Why \\"LoRA\\"?\\nexplain"}]}]""");

        assertTrue(ShareGptDataset.looksLikeShareGpt(source));
        List<String> lines = Files.readAllLines(new ShareGptDataset().convert(source, work.resolve("out/sg.jsonl")));

        assertEquals(3, lines.size());
        assertEquals("Hi?", json.readTree(lines.get(0)).get("prompt").asText());
        assertFalse(json.readTree(lines.get(1)).has("prompt"), "reported as an invalid line by the run, not dropped");
        assertEquals("Why \"LoRA\"?\nexplain", json.readTree(lines.get(2)).get("prompt").asText());
    }

    @Test
    void aJsonFileThatIsNotShareGptIsNamed() throws IOException {
        Path jsonl = work.resolve("data.jsonl");
        Files.writeString(jsonl, "[{\"prompt\": \"a\"}]\n");
        Path object = work.resolve("object.json");
        Files.writeString(object, "{\"prompt\": \"a\"}");
        Path broken = work.resolve("broken.json");
        Files.writeString(broken, "[{\"conversations\": []}, 3]");

        assertFalse(ShareGptDataset.looksLikeShareGpt(jsonl), "JSONL stays JSONL whatever its first line");
        assertFalse(ShareGptDataset.looksLikeShareGpt(object));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ShareGptDataset().convert(broken, work.resolve("out/broken.jsonl")));
        assertTrue(error.getMessage().contains(broken + " is not a ShareGPT file: entry 1 is not an object"), error.getMessage());
    }
}
