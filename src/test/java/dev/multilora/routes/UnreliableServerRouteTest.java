package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.run.RunOutcome;
import dev.multilora.testing.FakeVllm;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * A server that misbehaves on purpose: rate limits, overload, a stream that only trickles comments,
 * one closed early, an error inside a 200 stream. Every request reaches it exactly once, and its
 * first answer is its row.
 */
class UnreliableServerRouteTest extends PipelineTestSupport {
    private static final double TIMEOUT_S = 1.5;
    private static final List<String> MISBEHAVIOURS = List.of(FakeVllm.TOO_MANY, FakeVllm.UNAVAILABLE, FakeVllm.TRICKLE,
            FakeVllm.EARLY_CLOSE, FakeVllm.STREAM_FLAT_ERROR);

    @Test
    void everyRequestIsSentOnceAndItsFirstAnswerIsItsResult() throws IOException, InterruptedException {
        StringBuilder lines = new StringBuilder();
        for (String marker : MISBEHAVIOURS) {
            lines.append("{\"prompt\": \"well behaved ").append(lines.length()).append("\", \"adapter_name\": \"alpha\"}\n");
            lines.append("{\"prompt\": \"").append(marker).append("\", \"adapter_name\": \"beta\"}\n");
        }
        Path dataset = Files.createTempFile(work(), "unreliable", ".jsonl");
        Files.writeString(dataset, lines);

        RunOutcome outcome = bench(dataset, Map.of("benchmark.request_timeout_s", Double.toString(TIMEOUT_S),
                "benchmark.client_warmup_requests", "0", "benchmark.concurrency", "10"));

        for (String marker : MISBEHAVIOURS) {
            assertEquals(1, server().receivedWithPrompt(marker), marker + " reached the server once, never retried");
        }
        Map<String, CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv")).stream()
                .collect(Collectors.toMap(row -> row.get("prompt"), Function.identity()));
        assertEquals(2 * MISBEHAVIOURS.size(), rows.size());
        rows.forEach((prompt, row) -> {
            if (prompt.startsWith("well behaved")) {
                assertEquals("", row.get("error"), prompt);
            } else {
                assertTrue(!row.get("error").isBlank(), prompt + " is a failure");
                assertEquals("", row.get("latency"), prompt + " has no latency");
            }
        });
        assertEquals("429", rows.get(FakeVllm.TOO_MANY).get("http_status"));
        assertEquals("503", rows.get(FakeVllm.UNAVAILABLE).get("http_status"));
        assertTrue(rows.get(FakeVllm.EARLY_CLOSE).get("error").contains("[DONE]"), rows.get(FakeVllm.EARLY_CLOSE).get("error"));
        assertTrue(rows.get(FakeVllm.STREAM_FLAT_ERROR).get("error").contains("flat error inside the stream"),
                rows.get(FakeVllm.STREAM_FLAT_ERROR).get("error"));
        String timedOut = rows.get(FakeVllm.TRICKLE).get("error");
        assertTrue(timedOut.contains("benchmark.request_timeout_s"), timedOut);
        long held = heldTrickle();
        assertTrue(held < TIMEOUT_S * 1000 + 700, "the trickling request was held " + held + " ms against a " + TIMEOUT_S + " s deadline");
    }

    @Test
    void anExternalServerThatStopsAnsweringMidRunFailsTheRunAndKeepsEveryLine() throws IOException {
        server().holdMillis(30);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            lines.append("{\"prompt\": \"line ").append(i).append("\", \"adapter_name\": \"alpha\"}\n");
        }
        Path dataset = Files.createTempFile(work(), "vanishing", ".jsonl");
        Files.writeString(dataset, lines);
        Thread killer = new Thread(() -> {
            try {
                while (server().received().size() < 10) {
                    Thread.sleep(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server().close();
        });
        killer.start();

        RunOutcome outcome = bench(dataset, Map.of("benchmark.client_warmup_requests", "0", "benchmark.concurrency", "2"));

        assertTrue(!outcome.isCompleted(), "a run whose server went away is not complete: " + outcome.message());
        assertTrue(outcome.message().contains("stopped accepting connections"), outcome.message());
        assertEquals(60, readCsv(outcome.folder().resolve("results.csv")).size());
        assertTrue(server().received().size() <= 12, "sending stopped once the server refused: " + server().received().size());
        assertTrue(!Files.exists(outcome.folder().resolve("_SUCCESS")));
    }

    /** The server sees the client hang up at its next comment, a moment after the run may have ended. */
    private long heldTrickle() throws InterruptedException {
        long giveUp = System.nanoTime() + 5_000_000_000L;
        while (server().trickleHeldMillis().isEmpty() && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }
        return server().trickleHeldMillis().get(0);
    }
}
