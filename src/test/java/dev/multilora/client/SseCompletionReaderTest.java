package dev.multilora.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.metrics.InterTokenLatencies;
import dev.multilora.results.Distribution;
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

    @Test
    void aChatStreamIsTimedExactlyAsACompletionsStreamWithTheSameEventTimes() throws IOException {
        // vLLM's openai-chat client: the role-only first chunk is an event with non-empty choices, so
        // it takes the place of the completions stream's first event (TTFT), and every later choices
        // event is one ITL sample, E2EL ending at the last of them. Same lines, same clock ticks.
        String comment = ": ping\n\n";
        StreamedCompletion completions = read(comment + chunk("Hello") + chunk(" big") + chunk(" wide world") + USAGE
                + "data: [DONE]\n\n");
        clock.set(0);
        StreamedCompletion chat = read(comment + ROLE + delta("Hello") + delta(" big world") + USAGE + "data: [DONE]\n\n");

        assertArrayEquals(new long[] {30, 50, 70}, Arrays.copyOf(chat.contentEventNanos(), chat.contentEvents()));
        assertArrayEquals(Arrays.copyOf(completions.contentEventNanos(), completions.contentEvents()),
                Arrays.copyOf(chat.contentEventNanos(), chat.contentEvents()));
        assertEquals(completions.firstEventNanos(), chat.firstEventNanos(), "TTFT at the first event with choices: the role chunk");
        assertEquals(completions.lastEventNanos(), chat.lastEventNanos(), "E2EL at the last content event, not at usage or [DONE]");
        assertEquals(itl(completions), itl(chat));
        assertEquals(10.0e-6 * 2, itl(chat).mean(), 1e-9, "two gaps of 20 ns, in ms");
        assertEquals(5, chat.completionTokens(), "tokens from the usage chunk, as for completions");
        assertEquals(completions.promptTokens(), chat.promptTokens());
        assertFalse(chat.tokensCounted());
        assertEquals("Hello big world", chat.text());
        assertNull(chat.error());
    }

    @Test
    void aRoleChunkWrittenWithTheFirstTokenAddsANearZeroGapAndKeepsTtft() throws IOException {
        // vLLM writes the role chunk back to back with the first token's delta: TTFT is where the
        // first token is, and the gap between them is one (near zero) ITL sample, as vLLM counts it.
        long[] arrivals = {100, 101, 101, 102, 200, 201, 300, 301, 302, 303, 304};
        AtomicLong line = new AtomicLong();
        SseCompletionReader scripted = new SseCompletionReader(() -> arrivals[(int) line.getAndIncrement()]);

        StreamedCompletion chat = scripted.read(new ByteArrayInputStream((ROLE + delta("a") + delta(" b") + delta(" c") + USAGE
                + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8)));

        assertArrayEquals(new long[] {100, 101, 200, 300}, Arrays.copyOf(chat.contentEventNanos(), chat.contentEvents()));
        assertEquals(100, chat.firstEventNanos());
        assertEquals(300, chat.lastEventNanos());
    }

    @Test
    void chatUsageOnTheLastContentChunkIsRead() throws IOException {
        // TGI attaches usage to the chunk with finish_reason and sends no separate usage chunk
        StreamedCompletion stream = read(delta("a") + "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"role\":\"assistant\",\"content\":\" b\"},\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\n" + "data: [DONE]\n\n");

        assertEquals("a b", stream.text());
        assertEquals(2, stream.completionTokens());
        assertEquals(3, stream.promptTokens());
        assertEquals(2, stream.contentEvents());
        assertEquals(30, stream.lastEventNanos(), "the usage-carrying chunk is a content event: it holds a token");
    }

    @Test
    void withoutUsageOnlyEventsCarryingTextAreCountedAsTokens() throws IOException {
        // the role chunk, a null content (TGI's special tokens) and a finish chunk's empty delta hold no token
        StreamedCompletion stream = read(ROLE + delta("a") + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":null}}]}\n\n"
                + delta(" b") + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" + "data: [DONE]\n\n");

        assertEquals("a b", stream.text());
        assertEquals(5, stream.contentEvents(), "every choices event is timed");
        assertEquals(2, stream.completionTokens());
        assertTrue(stream.tokensCounted());
    }

    private static Distribution itl(StreamedCompletion stream) {
        InterTokenLatencies gaps = new InterTokenLatencies();
        gaps.record("a", stream.contentEventNanos(), stream.contentEvents());
        return gaps.figures();
    }

    private StreamedCompletion read(String body) throws IOException {
        return reader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String chunk(String text) {
        return "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\""
                + text + "\",\"finish_reason\":null}],\"usage\":null}\n\n";
    }

    private static final String ROLE = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";

    private static String delta(String text) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                + text + "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
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
