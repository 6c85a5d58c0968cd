package dev.multilora.report.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    static Map<String, Object> of(Map<String, Object> current, Map<String, Object> previous) {
        List<Map<String, Object>> changes = new ArrayList<>();
        List<String> flagged = new ArrayList<>();
        for (Threshold threshold : THRESHOLDS) {
            if (!(current.get(threshold.key()) instanceof Number now) || !(previous.get(threshold.key()) instanceof Number before)) {
                continue;
            }
            double change = before.doubleValue() == 0 ? (now.doubleValue() == 0 ? 0 : Double.POSITIVE_INFINITY)
                    : (now.doubleValue() - before.doubleValue()) / before.doubleValue();
            double worsening = threshold.higherIsWorse() ? change : -change;
            boolean flag = worsening > threshold.tolerance();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("metric", threshold.key());
            entry.put("previous", before);
            entry.put("current", now);
            entry.put("change_pct", Double.isFinite(change) ? change * 100 : null);
            entry.put("threshold_pct", threshold.tolerance() * 100);
            entry.put("flagged", flag);
            changes.add(entry);
            if (flag) {
                flagged.add(threshold.key());
            }
        }
        Map<String, Object> comparison = new LinkedHashMap<>();
        comparison.put("previous_run", previous.get("run"));
        comparison.put("previous_timestamp", previous.get("timestamp"));
        comparison.put("config_hash", current.get("config_hash"));
        comparison.put("previous_config_hash", previous.get("config_hash"));
        comparison.put("changes", changes);
        comparison.put("flagged", flagged);
        return comparison;
    }
}
