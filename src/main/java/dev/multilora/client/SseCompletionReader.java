package dev.multilora.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Reads vLLM's server-sent events for /v1/completions as they arrive and stamps each content event
 * (one with non-empty "choices") on the monotonic clock. Understands comment lines, "data:" with or
 * without a space, error events inside a 200 stream (nested and older flat shapes), a final
 * usage-only event, and a "[DONE]" without a trailing blank line. A stream is complete only with
 * its "[DONE]": one that simply ends was cut off, however many events it carried.
 */
public final class SseCompletionReader {
    private static final String DATA = "data:";
    private static final String DONE = "[DONE]";

    private final LongSupplier clock;

    public SseCompletionReader() {
        this(System::nanoTime);
    }

    SseCompletionReader(LongSupplier clock) {
        this.clock = clock;
    }

    public StreamedCompletion read(InputStream in) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder text = new StringBuilder();
        long[] contentEvents = new long[64];
        int events = 0;
        Integer completionTokens = null;
        Double adapterLoadSeconds = null;
        Integer promptTokens = null;
        String error = null;
        boolean done = false;
        String line;
        while ((line = lines.readLine()) != null) {
            long arrived = clock.getAsLong();
            if (!line.startsWith(DATA)) {
                continue;
            }
            String payload = line.substring(DATA.length()).strip();
            if (payload.equals(DONE)) {
                done = true;
                break;
            }
            StreamEvent event;
            try {
                event = StreamEvent.parse(payload);
            } catch (IOException e) {
                error = "malformed stream event: " + abbreviate(payload);
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
            }
            if (event.completionTokens() != null) {
                completionTokens = event.completionTokens();
                promptTokens = event.promptTokens();
                adapterLoadSeconds = event.adapterLoadSeconds();
            }
        }
        if (error == null && !done) {
            error = "the stream ended before [DONE], after " + events + " content event" + (events == 1 ? "" : "s")
                    + ": the server closed it early";
        } else if (error == null && events == 0) {
            error = "the stream ended without any content event";
        }
        boolean counted = completionTokens == null;
        return new StreamedCompletion(text.toString(), counted ? events : completionTokens, promptTokens,
                counted, contentEvents, events, adapterLoadSeconds, error);
    }

    private static String abbreviate(String payload) {
        return payload.length() <= 200 ? payload : payload.substring(0, 200) + "...";
    }
}
