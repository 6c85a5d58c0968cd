package dev.multilora.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The rehearsal's replayed responses are read by the very reader and parser a run uses, without a failure. */
class ClientRehearsalTest {

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
