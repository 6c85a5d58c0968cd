package dev.multilora.report.history;

import dev.multilora.results.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a run's key figures moved against an earlier run of the same dataset and config, with the
 * moves large enough to look at flagged. Small moves are noise between runs, not news.
 */
final class RunComparison {

    /** A figure, which way is worse, and by how much (relative) it may worsen before it is flagged. */
    private record Threshold(String key, boolean higherIsWorse, double tolerance) {
    }

    private static final List<Threshold> THRESHOLDS = List.of(
            new Threshold("p95_latency", true, 0.10),
            new Threshold("requests_per_sec", false, 0.10),
            new Threshold("mean_ttft_ms", true, 0.10),
            new Threshold("output_throughput", false, 0.10),
            new Threshold("failed_requests", true, 0.0));

    private RunComparison() {
    }

    /** @param current and previous: runs.jsonl entries */
    static Comparison of(Map<String, Object> current, Map<String, Object> previous) {
        List<Comparison.Change> changes = new ArrayList<>();
        List<String> flagged = new ArrayList<>();
        for (Threshold threshold : THRESHOLDS) {
            if (!(current.get(threshold.key()) instanceof Number now) || !(previous.get(threshold.key()) instanceof Number before)) {
                continue;
            }
            double change = before.doubleValue() == 0 ? (now.doubleValue() == 0 ? 0 : Double.POSITIVE_INFINITY)
                    : (now.doubleValue() - before.doubleValue()) / before.doubleValue();
            double worsening = threshold.higherIsWorse() ? change : -change;
            boolean flag = worsening > threshold.tolerance();
            changes.add(new Comparison.Change(threshold.key(), before, now, Double.isFinite(change) ? change * 100 : null,
                    threshold.tolerance() * 100, flag));
            if (flag) {
                flagged.add(threshold.key());
            }
        }
        return new Comparison((String) previous.get("run"), (String) previous.get("timestamp"), null,
                (String) current.get("config_hash"), (String) previous.get("config_hash"), changes, flagged);
    }
}
