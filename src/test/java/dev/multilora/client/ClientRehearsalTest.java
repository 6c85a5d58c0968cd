package dev.multilora.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.run.PlannedRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal's replayed responses are read by the very reader and parser a run uses, without a
 * failure, and it rehearses the run's own planned requests.
 */
class ClientRehearsalTest {

    @Test
    void theRehearsalCyclesThePlansOwnRequestsUnderItsOwnIdsAndDueAtOnce() {
        List<PlannedRequest> plan = List.of(
                new PlannedRequest(1, 1, "first prompt", "alpha", null, 12, 0.0),
                new PlannedRequest(2, 3, "[{\"role\":\"user\",\"content\":\"hi\"}]", "beta", null, null, 0.5, true),
                new PlannedRequest(null, 2, null, null, "not JSON", null, null));

        List<PlannedRequest> rehearsed = ClientRehearsal.rehearsed(plan, 7);

        assertEquals(7, rehearsed.size());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), rehearsed.stream().map(PlannedRequest::requestId).toList());
        assertEquals(List.of(1, 3, 2, 1, 3, 2, 1), rehearsed.stream().map(PlannedRequest::lineNumber).toList());
        assertTrue(rehearsed.stream().allMatch(r -> r.scheduledOffsetSeconds() == null), "none waits for a due time");
        assertEquals(new PlannedRequest(5, 3, plan.get(1).prompt(), "beta", null, null, null, true), rehearsed.get(4));
        assertEquals("not JSON", rehearsed.get(2).problem(), "an invalid line is rehearsed unsent, as it will be measured");
        assertEquals(12, rehearsed.get(6).maxTokens());
        assertEquals(List.of(1, 3), ClientRehearsal.rehearsed(plan, 2).stream().map(PlannedRequest::lineNumber).toList(),
                "a plan longer than the round: its first requests");
    }

    @Test
    void theReplayedChatStreamIsAGoodChatStream() throws IOException {
        StreamedCompletion stream = new SseCompletionReader().read(bytes(ClientRehearsal.chatSse(16)));

        assertNull(stream.error());
        assertEquals(17, stream.contentEvents(), "the role chunk and 16 deltas");
        assertEquals(16, stream.completionTokens());
        assertEquals(" token".repeat(16), stream.text());
    }

    @Test
    void theReplayedCompletionsStreamAndBothWholeAnswersAreGood() throws IOException {
        StreamedCompletion stream = new SseCompletionReader().read(bytes(ClientRehearsal.sse(16)));
        assertNull(stream.error());
        assertEquals(16, stream.contentEvents());

        CompletionResponseParser parser = new CompletionResponseParser();
        assertEquals(new CompletionResponse(" token".repeat(16), 16, 3, ServerTruth.UNTOLD, null), parser.parse(200, ClientRehearsal.chatJson(16)));
        assertEquals(new CompletionResponse(" token".repeat(16), 16, 3, ServerTruth.UNTOLD, null), parser.parse(200, ClientRehearsal.json(16)));
    }

    private static ByteArrayInputStream bytes(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }
}
