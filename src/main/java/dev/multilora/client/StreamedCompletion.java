package dev.multilora.client;

import java.util.List;

/**
 * A /v1/completions stream as read off the wire, with the monotonic time of each content event.
 *
 * @param error why the stream counts as failed (an error event, no content at all); null when fine
 */
public record StreamedCompletion(String text, Integer completionTokens, Integer promptTokens, boolean tokensCounted,
                                 List<Long> contentEventNanos, String error) {

    public StreamedCompletion {
        contentEventNanos = List.copyOf(contentEventNanos);
    }
}
