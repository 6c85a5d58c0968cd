package dev.multilora.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.testing.JsonlFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dataset lines holding OpenAI chat "messages" instead of a "prompt" (generation.endpoint: chat). */
class ChatLinesTest {
    private static final String TWO_TURNS = "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi \\u00e9\"}]";

    private final LineParser chat = new LineParser(true);
    private final LineParser completions = new LineParser();
    private JsonlFiles files;

    @BeforeEach
    void openFiles(@TempDir Path folder) {
        files = new JsonlFiles(folder);
    }

    @AfterEach
    void closeFiles() throws IOException {
        files.close();
    }

    @Test
    void aMessagesLineUnderChatKeepsItsMessagesAsCompactJson() {
        DatasetLine line = chat.parse("{ \"messages\" : " + TWO_TURNS.replace(",", " , ") + ", \"adapter_name\": \"alpha\", \"max_tokens\": 3}",
                4, true);

        assertEquals(DatasetLine.chat(4, "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi é\"}]",
                "alpha", 3), line);
        assertTrue(line.messages());
    }

    @Test
    void aPromptLineUnderChatStaysAPrompt() {
        assertEquals(DatasetLine.valid(2, "Explain LoRA", "alpha", null),
                chat.parse("{\"prompt\": \"Explain LoRA\", \"adapter_name\": \"alpha\"}", 2, true));
    }

    @Test
    void aMessagesLineUnderCompletionsNamesTheLineAndTheSetting() {
        DatasetLine line = completions.parse("{\"messages\": " + TWO_TURNS + ", \"adapter_name\": \"alpha\"}", 12, true);

        assertEquals(DatasetLine.invalid(12, "line 12 holds chat \"messages\", which /v1/completions does not take:"
                + " set generation.endpoint: chat to send it to /v1/chat/completions"), line);
    }

    @Test
    void aLineWithBothIsInvalidUnderEitherEndpoint() {
        String raw = "{\"prompt\": \"p\", \"messages\": " + TWO_TURNS + ", \"adapter_name\": \"alpha\"}";
        String reason = "has both \"prompt\" and \"messages\": give one of them";

        assertEquals(DatasetLine.invalid(3, reason), chat.parse(raw, 3, true));
        assertEquals(DatasetLine.invalid(3, reason), completions.parse(raw, 3, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"hello\"| \"messages\" must be an array of {\"role\", \"content\"} objects, found a string",
        "{\"role\":\"user\",\"content\":\"x\"}| \"messages\" must be an array of {\"role\", \"content\"} objects, found an object",
        "[]| \"messages\" is empty",
        "[\"hi\"]| \"messages\"[0] must be an object with string \"role\" and \"content\", found a string",
        "[{\"content\":\"x\"}]| \"messages\"[0].role must be a non-empty string, found nothing",
        "[{\"role\":\" \",\"content\":\"x\"}]| \"messages\"[0].role must be a non-empty string, found an empty string",
        "[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"user\",\"content\":7}]| \"messages\"[1].content must be a string, found a number",
        "[{\"role\":\"user\"}]| \"messages\"[0].content must be a string, found nothing",
        "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}]| \"messages\"[0].content must be a string, found an array"
                + " (content parts are not supported: give the text as a string)",
        "[{\"role\":\"user\",\"content\":\"a\\ud800\"}]| \"messages\"[0].content holds a lone surrogate \\uD800 at character 2:"
                + " not text any server can encode",
    })
    void malformedMessagesAreInvalidWithAClearReason(String messages, String reason) {
        assertEquals(DatasetLine.invalid(9, reason.strip()), chat.parse("{\"messages\": " + messages + ", \"adapter_name\": \"a\"}", 9, true));
    }

    @Test
    void underChatALineWithNeitherSaysSo() {
        assertEquals(DatasetLine.invalid(1, "missing \"prompt\" or \"messages\""), chat.parse("{\"adapter_name\": \"a\"}", 1, true));
        assertEquals(DatasetLine.invalid(1, "missing \"prompt\""), completions.parse("{\"adapter_name\": \"a\"}", 1, true),
                "completions keeps its reason");
    }

    @Test
    void anIndexedChatDatasetReadsEachLineBackAsWhatItIs() throws IOException {
        Path file = files.write(String.join("\n", "{\"prompt\": \"plain\", \"adapter_name\": \"a\"}",
                "{\"messages\": " + TWO_TURNS + ", \"adapter_name\": \"b\"}",
                "{\"messages\": [], \"adapter_name\": \"b\"}").getBytes(StandardCharsets.UTF_8));
        DatasetIndex index = files.index(file, true, true);

        assertEquals(2, index.validLines());
        assertEquals("plain", index.prompt(0));
        assertFalse(index.messages(0));
        assertEquals("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi é\"}]", index.prompt(1));
        assertTrue(index.messages(1));
        assertEquals(List.of(new InvalidLine(3, "\"messages\" is empty")), index.invalidLines());
    }

    @Test
    void underCompletionsTheSameDatasetHasItsMessagesLinesInvalid() {
        DatasetIndex index = files.index(List.of("{\"prompt\": \"plain\", \"adapter_name\": \"a\"}",
                "{\"messages\": " + TWO_TURNS + ", \"adapter_name\": \"b\"}"), true);

        assertEquals(1, index.validLines());
        assertEquals(2, index.invalidLines().get(0).lineNumber());
        assertTrue(index.invalidLines().get(0).reason().contains("set generation.endpoint: chat"));
    }

    @Test
    void aPromptLineRewrittenInPlaceAsMessagesIsAChangedLine() throws IOException {
        String messages = "{\"messages\":[{\"role\":\"u\",\"content\":\"x\"}]}";
        String prompt = "{\"prompt\": \"p\"";
        prompt = prompt + " ".repeat(messages.length() - prompt.length() - 1) + "}";
        Path file = files.write((prompt + "\n").getBytes(StandardCharsets.UTF_8));
        DatasetIndex index = files.index(file, false, true);
        Files.writeString(file, messages + "\n");

        UnreadableLineException changed = assertThrows(UnreadableLineException.class, () -> index.prompt(0));
        assertEquals("line 1 changed since the dataset was read: it now holds \"messages\", not a \"prompt\"", changed.getMessage());
    }
}
