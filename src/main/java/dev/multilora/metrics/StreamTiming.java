package dev.multilora.metrics;

/**
 * What a streamed response adds to a request's record, measured as vLLM's benchmark measures it.
 * The gaps between content events (ITL) go straight into the run's {@link InterTokenLatencies}.
 *
 * @param ttftSeconds   time from sending to the first event with non-empty choices
 * @param tokensCounted true when the stream carried no usage and the output tokens were counted as content events
 */
public record StreamTiming(double ttftSeconds, boolean tokensCounted) {
}
