package dev.multilora.metrics;

import java.util.List;

/**
 * What a streamed response adds to a request's record, measured as vLLM's benchmark measures it.
 *
 * @param ttftSeconds          time from sending to the first event with non-empty choices
 * @param interTokenLatencies  gaps between successive content events, in seconds (per event, not per token)
 * @param tokensCounted        true when the stream carried no usage and the output tokens were counted as content events
 */
public record StreamTiming(double ttftSeconds, List<Double> interTokenLatencies, boolean tokensCounted) {

    public StreamTiming {
        interTokenLatencies = List.copyOf(interTokenLatencies);
    }
}
