package dev.multilora.client;

/**
 * A /v1/completions stream as read off the wire, with the monotonic time of each content event.
 *
 * @param contentEventNanos  the arrival time of each content event in its first {@code contentEvents} slots
 * @param adapterLoadSeconds the adapter load the server says the request paid; null when it does not say
 * @param error              why the stream counts as failed (an error event, no content at all); null when fine
 */
public record StreamedCompletion(String text, Integer completionTokens, Integer promptTokens, boolean tokensCounted,
                                 long[] contentEventNanos, int contentEvents, Double adapterLoadSeconds, String error) {

    public long firstEventNanos() {
        return contentEventNanos[0];
    }

    public long lastEventNanos() {
        return contentEventNanos[contentEvents - 1];
    }
}
