package dev.multilora.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Reads vLLM's server-sent events for /v1/completions or /v1/chat/completions as they arrive and
 * stamps each content event (one with non-empty "choices", whatever its text: a chat stream's
 * role-only first chunk is one, as in vLLM's benchmark) on the monotonic clock. Understands comment
 * lines, "data:" with or without a space, error events inside a 200 stream (nested and older flat
 * shapes), usage in a final usage-only event or on any other event (TGI puts it on the last content
 * chunk), and a "[DONE]" without a trailing blank line. A stream is complete only with its
 * "[DONE]": one that simply ends was cut off, however many events it carried. Without usage, the
 * output tokens are the content events that carried text.
 */
public final class SseCompletionReader {
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final LongSupplier clock;

    public SseCompletionReader() {
        this(System::nanoTime);
    }

    SseCompletionReader(LongSupplier clock) {
        this.clock = clock;
    }

    public StreamedCompletion read(InputStream in) throws IOException {
        Lines lines = new Lines(in);
        StringBuilder text = new StringBuilder();
        long[] contentEvents = new long[64];
        int events = 0;
        int textEvents = 0;
        Integer completionTokens = null;
        ServerTruth truth = ServerTruth.UNTOLD;
        Integer promptTokens = null;
        String error = null;
        boolean done = false;
        while (lines.next()) {
            long arrived = clock.getAsLong();
            if (!lines.startsWith(DATA)) {
                continue;
            }
            int start = lines.start() + DATA.length;
            int end = lines.end();
            while (start < end && isSpace(lines.bytes()[start])) {
                start++;
            }
            while (end > start && isSpace(lines.bytes()[end - 1])) {
                end--;
            }
            if (lines.sameBytes(start, end, DONE)) {
                done = true;
                break;
            }
            StreamEvent event;
            try {
                event = StreamEvent.parse(lines.bytes(), start, end - start);
            } catch (IOException e) {
                error = "malformed stream event: " + abbreviate(new String(lines.bytes(), start, end - start, StandardCharsets.UTF_8));
                break;
            }
            if (event.error() != null) {
                error = "stream error: " + event.error();
                continue;
            }
            if (event.content()) {
                if (events == contentEvents.length) {
                    contentEvents = Arrays.copyOf(contentEvents, events * 2);
                }
                contentEvents[events++] = arrived;
                text.append(event.text());
                if (!event.text().isEmpty()) {
                    textEvents++;
                }
            }
            if (event.completionTokens() != null) {
                completionTokens = event.completionTokens();
                promptTokens = event.promptTokens();
                truth = event.truth();
            }
        }
        if (error == null && !done) {
            error = "the stream ended before [DONE], after " + events + " content event" + (events == 1 ? "" : "s")
                    + ": the server closed it early";
        } else if (error == null && events == 0) {
            error = "the stream ended without any content event";
        }
        boolean counted = completionTokens == null;
        return new StreamedCompletion(text.toString(), counted ? textEvents : completionTokens, promptTokens,
                counted, contentEvents, events, truth, error);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    /**
     * The stream's lines as byte ranges of one buffer, ended by LF, CRLF or CR as SSE allows: no
     * decoding to characters and no String per line, since the JSON parser reads UTF-8 bytes itself.
     */
    private static final class Lines {
        private final InputStream in;
        private byte[] buffer = new byte[8192];
        private int filled;
        private int lineStart;
        private int lineEnd;
        private int next;
        private boolean skipLineFeed;
        private boolean ended;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Moves to the next line; false at the end of the stream (a last line without an ending counts). */
        boolean next() throws IOException {
            int scan = next;
            while (true) {
                if (skipLineFeed && scan < filled) {
                    skipLineFeed = false;
                    if (buffer[scan] == '\n') {
                        scan++;
                        next = scan;
                    }
                }
                for (int i = scan; i < filled; i++) {
                    byte b = buffer[i];
                    if (b == '\n' || b == '\r') {
                        lineStart = next;
                        lineEnd = i;
                        next = i + 1;
                        skipLineFeed = b == '\r';
                        return true;
                    }
                }
                scan = filled;
                if (ended) {
                    if (next < filled) {
                        lineStart = next;
                        lineEnd = filled;
                        next = filled;
                        return true;
                    }
                    return false;
                }
                scan -= compact();
                int read = in.read(buffer, filled, buffer.length - filled);
                if (read < 0) {
                    ended = true;
                } else {
                    filled += read;
                }
            }
        }

        /** Drops the lines already read and makes room; answers by how much positions moved. */
        private int compact() {
            int shift = next;
            if (shift > 0) {
                System.arraycopy(buffer, shift, buffer, 0, filled - shift);
                filled -= shift;
                next = 0;
            }
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            return shift;
        }

        byte[] bytes() {
            return buffer;
        }

        int start() {
            return lineStart;
        }

        int end() {
            return lineEnd;
        }

        boolean startsWith(byte[] prefix) {
            return sameBytes(lineStart, Math.min(lineEnd, lineStart + prefix.length), prefix);
        }

        boolean sameBytes(int from, int to, byte[] expected) {
            return to - from == expected.length && Arrays.equals(buffer, from, to, expected, 0, expected.length);
        }
    }

    private static String abbreviate(String payload) {
        return payload.length() <= 200 ? payload : payload.substring(0, 200) + "...";
    }
}
