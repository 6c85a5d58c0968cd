package dev.multilora.results;

/**
 * The server's own token counters (its /metrics, before and after the run) beside the client's usage sums.
 *
 * @param unavailableReason why /metrics could not be read; null when it could, and only then are the rest set
 */
public record ServerMetricsFigures(String unavailableReason, Double promptTokensDelta, Double generationTokensDelta,
                                   long clientPromptTokens, long clientOutputTokens, int samples) {

    public static ServerMetricsFigures unavailable(String reason) {
        return new ServerMetricsFigures(reason, null, null, 0, 0, 0);
    }

    public boolean available() {
        return unavailableReason == null;
    }
}
