package dev.multilora.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SseCompletionReaderTest {
    private static final String USAGE = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":5,\"total_tokens\":9}}\n\n";

    /** Each line read advances the clock by 10 ns, so event times are predictable. */
    private final AtomicLong clock = new AtomicLong();
    private final SseCompletionReader reader = new SseCompletionReader(() -> clock.addAndGet(10));

    @Test
    void readsTextUsageAndTheTimeOfEachContentEvent() throws IOException {
        StreamedCompletion stream = read(chunk("Hello") + chunk(" big") + chunk(" wide world") + USAGE + "data: [DONE]\n\n");

        assertEquals("Hello big wide world", stream.text());
        assertEquals(5, stream.completionTokens(), "tokens come from usage, not from counting events");
        assertEquals(4, stream.promptTokens());
        assertFalse(stream.tokensCounted());
        assertArrayEquals(new long[] {10, 30, 50}, Arrays.copyOf(stream.contentEventNanos(), stream.contentEvents()),
                "a content event is timed when its line arrives");
        assertNull(stream.error());
    }

    @Test
    void eventsSplitAcrossReadsAreJoined() throws IOException {
        String body = chunk("a") + chunk(" b") + USAGE + "data: [DONE]\n\n";

        StreamedCompletion stream = reader.read(new OneByteAtATime(body.getBytes(StandardCharsets.UTF_8)));

        assertEquals("a b", stream.text());
        assertEquals(2, stream.contentEvents());
    }

    @Test
    void crlfAndBareCrEndLinesAsSseAllowsEvenSplitBetweenReads() throws IOException {
        String body = (chunk("a") + chunk("b")).replace("\n", "\r\n") + chunk("c").replace("\n", "\r") + USAGE + "data: [DONE]\r\n";

        StreamedCompletion whole = read(body);
        StreamedCompletion trickled = reader.read(new OneByteAtATime(body.getBytes(StandardCharsets.UTF_8)));

        assertEquals("abc", whole.text());
        assertEquals(3, whole.contentEvents());
        assertNull(whole.error());
        assertEquals("abc", trickled.text());
        assertNull(trickled.error());
    }

    @Test
    void anEventLongerThanTheReadBufferIsReadWhole() throws IOException {
        String longText = "x".repeat(20_000) + "é";

        StreamedCompletion stream = read(chunk(longText) + chunk("!") + USAGE + "data: [DONE]\n\n");

        assertEquals(longText + "!", stream.text());
        assertEquals(2, stream.contentEvents());
    }

    @Test
    void commentLinesAndDataWithoutASpaceAreUnderstood() throws IOException {
        StreamedCompletion stream = read(": keep-alive\n\n" + "data:{\"choices\":[{\"index\":0,\"text\":\"x\"}]}\n\n" + USAGE + "data:[DONE]\n\n");

        assertEquals("x", stream.text());
        assertEquals(1, stream.contentEvents());
    }

    @Test
    void anEmptyTextStillCountsAsAContentEvent() throws IOException {
        StreamedCompletion stream = read(chunk("") + chunk("é") + USAGE + "data: [DONE]\n\n");

        assertEquals("é", stream.text());
        assertEquals(2, stream.contentEvents());
    }

    @Test
    void withoutUsageTheTokensAreCountedAsContentEventsAndFlagged() throws IOException {
        StreamedCompletion stream = read(chunk("a") + chunk(" b") + chunk(" c") + "data: [DONE]\n\n");

        assertEquals(3, stream.completionTokens());
        assertTrue(stream.tokensCounted());
    }

    @Test
    void doneWithoutAFinalBlankLineEndsTheStream() throws IOException {
        StreamedCompletion stream = read(chunk("a") + USAGE + "data: [DONE]");

        assertEquals("a", stream.text());
        assertNull(stream.error());
    }

    @Test
    void anErrorEventInsideA200StreamFailsTheRequest() throws IOException {
        StreamedCompletion stream = read(chunk("a")
                + "data: {\"error\":{\"message\":\"engine died\",\"type\":\"InternalServerError\",\"code\":500}}\n\n" + "data: [DONE]\n\n");

        assertEquals("stream error: engine died", stream.error());
    }

    @Test
    void aStreamWithoutContentFails() throws IOException {
        assertEquals("the stream ended without any content event", read(USAGE + "data: [DONE]\n\n").error());
        assertEquals("the stream ended before [DONE], after 0 content events: the server closed it early", read("").error());
    }

    @Test
    void aStreamCutOffBeforeDoneFailsHoweverManyEventsItCarried() throws IOException {
        StreamedCompletion cut = read(chunk("a") + chunk("b"));
        assertEquals("the stream ended before [DONE], after 2 content events: the server closed it early", cut.error());
    }

    @Test
    void aMalformedEventFailsTheRequest() throws IOException {
        assertTrue(read(chunk("a") + "data: {not json\n\n").error().startsWith("malformed stream event: {not json"));
    }

    private StreamedCompletion read(String body) throws IOException {
        return reader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String chunk(String text) {
        return "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\""
                + text + "\",\"finish_reason\":null}],\"usage\":null}\n\n";
    }

    /** Delivers one byte per read call, as a slow network might. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int next;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return next < bytes.length ? bytes[next++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (next >= bytes.length) {
                return -1;
            }
            buffer[offset] = bytes[next++];
            return 1;
        }
    }
}
