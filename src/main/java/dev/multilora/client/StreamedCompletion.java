package dev.multilora.client;

/**
 * A /v1/completions stream as read off the wire, with the monotonic time of each content event.
 *
 * @param contentEventNanos  the arrival time of each content event in its first {@code contentEvents} slots
 * @param truth              what the server says it did (the stand-in's adapter load and served adapter)
 * @param error              why the stream counts as failed (an error event, no content at all); null when fine
 */
public record StreamedCompletion(String text, Integer completionTokens, Integer promptTokens, boolean tokensCounted,
                                 long[] contentEventNanos, int contentEvents, ServerTruth truth, String error) {

    public long firstEventNanos() {
        return contentEventNanos[0];
    }

    public long lastEventNanos() {
        return contentEventNanos[contentEvents - 1];
    }
}
