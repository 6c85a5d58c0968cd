package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.run.RunOutcome;
import dev.multilora.testing.FakeVllm;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** generation.endpoint: chat, through the real routes: prompt and messages lines alike go to /v1/chat/completions. */
class ChatRouteTest extends PipelineTestSupport {
    private static final String CONVERSATION =
            "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Explain, LoRA \\\"rank\\\" 日本\"}]";
    private static final Map<String, String> CHAT = Map.of("generation.endpoint", "chat");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aChatRunSendsMessagesForEveryLineAndAccountsForEachOne() throws IOException {
        RunOutcome outcome = bench(mixedDataset(), CHAT);

        assertTrue(outcome.isCompleted(), outcome.message());
        Map<Integer, CSVRecord> byLine = rows(outcome);
        assertEquals(Set.of(1, 2, 3, 4, 5, 6), byLine.keySet(), "every line is a row");
        assertEquals("\"messages\" must be an array of {\"role\", \"content\"} objects, found a string", byLine.get(3).get("error"));
        assertEquals("has both \"prompt\" and \"messages\": give one of them", byLine.get(4).get("error"));
        assertEquals("\"messages\" is empty", byLine.get(5).get("error"));

        List<FakeVllm.Received> received = server().received();
        assertEquals(3, received.size());
        for (FakeVllm.Received request : received) {
            assertEquals("/v1/chat/completions", request.path());
            assertFalse(request.body().has("prompt"), request.body().toString());
            assertTrue(request.body().get("stream").asBoolean());
            assertTrue(request.body().get("stream_options").get("include_usage").asBoolean());
            assertTrue(request.body().has("temperature") && request.body().has("top_p") && request.body().has("top_k"));
        }
        JsonNode plain = sentBy(received, "alpha");
        assertEquals(json.readTree("[{\"role\":\"user\",\"content\":\"plain prompt here\"}]"), plain.get("messages"),
                "a prompt line is one user message with string content");
        assertEquals(5, plain.get("max_tokens").asInt());
        assertEquals(json.readTree(CONVERSATION), sentBy(received, "beta").get("messages"), "a messages line is sent as written");
        assertEquals(2, sentBy(received, "gamma").get("max_tokens").asInt(), "the line's own max_tokens");

        CSVRecord prompt = byLine.get(1);
        assertEquals("plain prompt here", prompt.get("prompt"));
        assertEquals(FakeVllm.streamedText("plain prompt here", 5), prompt.get("generated_text"), "the deltas' content");
        assertEquals(String.valueOf(FakeVllm.completionTokens("plain prompt here", 5)), prompt.get("num_tokens"));
        CSVRecord conversation = byLine.get(2);
        assertEquals("", conversation.get("error"));
        assertEquals("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Explain, LoRA \\\"rank\\\" 日本\"}]",
                conversation.get("prompt"), "the messages as compact JSON");
        assertEquals(FakeVllm.streamedText("Explain, LoRA \"rank\" 日本", 5), conversation.get("generated_text"));
        for (int sent : List.of(1, 2, 6)) {
            double ttft = Double.parseDouble(byLine.get(sent).get("ttft"));
            assertTrue(ttft > 0 && ttft <= Double.parseDouble(byLine.get(sent).get("latency")), "line " + sent);
        }

        JsonNode results = json.readTree(outcome.folder().resolve("results.json").toFile());
        assertEquals(6, results.get("total_requests").asInt());
        assertEquals(3, results.get("successful_requests").asInt());
        assertEquals(3, results.get("invalid_lines").asInt());
        assertEquals("chat", results.get("config").get("generation").get("endpoint").asText());
        assertEquals(0, results.get("tokens_counted_requests").asInt(), "tokens from the usage chunk");
    }

    @Test
    void underCompletionsTheMessagesLinesAreInvalidRowsThatNameTheSetting() throws IOException {
        RunOutcome outcome = bench(mixedDataset());

        assertTrue(outcome.isCompleted(), outcome.message());
        Map<Integer, CSVRecord> byLine = rows(outcome);
        assertEquals(Set.of(1, 2, 3, 4, 5, 6), byLine.keySet());
        for (int line : List.of(2, 6)) {
            assertEquals("line " + line + " holds chat \"messages\", which /v1/completions does not take: set generation.endpoint: chat"
                    + " to send it to /v1/chat/completions", byLine.get(line).get("error"));
        }
        List<FakeVllm.Received> received = server().received();
        assertEquals(1, received.size());
        assertEquals("/v1/completions", received.get(0).path());
        assertEquals("plain prompt here", received.get(0).body().get("prompt").asText());
    }

    @Test
    void aChatRunWithoutStreamingReadsTheMessageContent() throws IOException {
        RunOutcome outcome = bench(mixedDataset(), Map.of("generation.endpoint", "chat", "generation.stream", "false"));

        Map<Integer, CSVRecord> byLine = rows(outcome);
        assertEquals(FakeVllm.generatedText("plain prompt here"), byLine.get(1).get("generated_text"));
        assertEquals(FakeVllm.generatedText("third one"), byLine.get(6).get("generated_text"));
        assertEquals("", byLine.get(6).get("ttft"));
        assertTrue(server().received().stream().allMatch(r -> r.path().equals("/v1/chat/completions") && !r.body().has("stream")));
    }

    private Path mixedDataset() throws IOException {
        Path dataset = work().resolve("chat.jsonl");
        Files.writeString(dataset, String.join("\n",
                "{\"prompt\": \"plain prompt here\", \"adapter_name\": \"alpha\"}",
                "{\"messages\": " + CONVERSATION + ", \"adapter_name\": \"beta\"}",
                "{\"messages\": \"not an array\", \"adapter_name\": \"alpha\"}",
                "{\"prompt\": \"p\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"adapter_name\": \"alpha\"}",
                "{\"messages\": [], \"adapter_name\": \"gamma\"}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"third one\"}], \"adapter_name\": \"gamma\", \"max_tokens\": 2}") + "\n");
        return dataset;
    }

    private static Map<Integer, CSVRecord> rows(RunOutcome outcome) throws IOException {
        return readCsv(outcome.folder().resolve("results.csv")).stream()
                .collect(Collectors.toMap(r -> Integer.parseInt(r.get("line")), r -> r));
    }

    private static JsonNode sentBy(List<FakeVllm.Received> received, String adapter) {
        return received.stream().filter(r -> r.body().get("model").asText().equals(adapter)).findFirst().orElseThrow().body();
    }
}
