package dev.multilora.metrics;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API.md's result figures, computed from the per-request records alone. Latency figures are over
 * successful requests; counts include failures; rates divide by the request phase's duration.
 */
public final class ResultsSummary {

    /**
     * The records in output order: measured requests by id, then invalid lines by line number. A
     * view in that order, not a copy: a run's records can be many, and are read once more per use.
     */
    public static List<RequestRecord> ordered(List<RequestRecord> records) {
        // Sorts one long per record, no objects: invalid-line bit, then id or line, then position
        // (ids and line numbers are never negative, and positions break ties as a stable sort would).
        long[] keys = new long[records.size()];
        for (int i = 0; i < keys.length; i++) {
            RequestRecord record = records.get(i);
            long invalid = record.isMeasured() ? 0 : 1;
            long key = record.isMeasured() ? record.requestId() : record.lineNumber();
            keys[i] = invalid << 62 | key << 31 | i;
        }
        Arrays.sort(keys);
        int[] order = Arrays.stream(keys).mapToInt(key -> (int) (key & Integer.MAX_VALUE)).toArray();
        return new AbstractList<>() {
            @Override
            public RequestRecord get(int index) {
                return records.get(order[index]);
            }

            @Override
            public int size() {
                return order.length;
            }
        };
    }

    public Map<String, Object> counts(List<RequestRecord> records) {
        long successful = records.stream().filter(RequestRecord::succeeded).count();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total_requests", records.size());
        counts.put("successful_requests", successful);
        counts.put("failed_requests", records.size() - successful);
        return counts;
    }

    public Map<String, Object> metrics(List<RequestRecord> records, double durationSeconds) {
        List<RequestRecord> successes = RecordSelection.where(records, RequestRecord::succeeded);
        Percentiles latency = latencies(successes);
        long tokens = successes.stream().mapToLong(RequestRecord::completionTokens).sum();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("mean_latency", latency.mean());
        metrics.put("p50_latency", latency.percentile(50));
        metrics.put("p95_latency", latency.percentile(95));
        metrics.put("p99_latency", latency.percentile(99));
        metrics.put("requests_per_sec", rate(successes.size(), durationSeconds));
        metrics.put("tokens_per_sec", rate(tokens, durationSeconds));
        return metrics;
    }

    /** Per adapter (sorted by name): every measured request counts; latency over its successes. */
    public Map<String, Object> adapterStats(List<RequestRecord> records) {
        return statsByAdapter(RecordSelection.where(records, RequestRecord::isMeasured));
    }

    /** The same figures over requests that are all sent but not measured, such as a warmup's. */
    public Map<String, Object> statsByAdapter(List<RequestRecord> records) {
        Map<String, List<RequestRecord>> byAdapter = RecordSelection.byAdapter(records);
        Map<String, Object> stats = new LinkedHashMap<>();
        byAdapter.forEach((adapter, ofAdapter) -> {
            List<RequestRecord> successes = RecordSelection.where(ofAdapter, RequestRecord::succeeded);
            Percentiles latency = latencies(successes);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("count", ofAdapter.size());
            entry.put("avg_latency", latency.mean());
            entry.put("p95_latency", latency.percentile(95));
            entry.put("successful", successes.size());
            entry.put("failed", ofAdapter.size() - successes.size());
            stats.put(adapter, entry);
        });
        return stats;
    }

    public long invalidLines(List<RequestRecord> records) {
        return records.stream().filter(r -> !r.isMeasured()).count();
    }

    private static Percentiles latencies(List<RequestRecord> successes) {
        return Percentiles.of(RecordSelection.values(successes, RequestRecord::latencySeconds));
    }

    private static double rate(long count, double durationSeconds) {
        return durationSeconds > 0 ? count / durationSeconds : 0.0;
    }
}
