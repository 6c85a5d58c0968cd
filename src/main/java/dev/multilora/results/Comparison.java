package dev.multilora.results;

import java.util.List;

/**
 * A run's key figures against the latest comparable earlier run, or why there is none.
 *
 * @param previousRun        null when there is no earlier run to compare with; {@code reason} says why
 * @param previousConfigHash the earlier run's config hash: a scheduled run's may differ from its own
 */
public record Comparison(String previousRun, String previousTimestamp, String reason, String configHash,
                         String previousConfigHash, List<Change> changes, List<String> flagged) {

    /** One figure before and now; flagged when it worsened by more than its threshold. */
    public record Change(String metric, Number previous, Number current, Double changePct, double thresholdPct,
                         boolean flagged) {
    }

    public Comparison {
        changes = List.copyOf(changes);
        flagged = List.copyOf(flagged);
    }

    public static Comparison none(String reason, String configHash) {
        return new Comparison(null, null, reason, configHash, null, List.of(), List.of());
    }

    public boolean found() {
        return previousRun != null;
    }
}
