package dev.multilora.metrics;

import dev.multilora.results.AdapterServing;
import dev.multilora.results.AdapterStats;
import dev.multilora.results.LatencySummary;
import dev.multilora.results.RequestCounts;
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

    public RequestCounts counts(List<RequestRecord> records) {
        long successful = records.stream().filter(RequestRecord::succeeded).count();
        return new RequestCounts(records.size(), successful, records.size() - successful);
    }

    public LatencySummary metrics(List<RequestRecord> records, double durationSeconds) {
        List<RequestRecord> successes = RecordSelection.where(records, RequestRecord::succeeded);
        Percentiles latency = latencies(successes);
        long tokens = successes.stream().mapToLong(RequestRecord::completionTokens).sum();
        return new LatencySummary(latency.mean(), latency.percentile(50), latency.percentile(95), latency.percentile(99),
                rate(successes.size(), durationSeconds), rate(tokens, durationSeconds));
    }

    /**
     * Per adapter (sorted by name): every measured request counts; latency over its successes.
     *
     * @param serving each adapter's serving figures, or null (for requests not measured)
     */
    public Map<String, AdapterStats> statsByAdapter(List<RequestRecord> records, Map<String, AdapterServing> serving) {
        Map<String, List<RequestRecord>> byAdapter = RecordSelection.byAdapter(records);
        Map<String, AdapterStats> stats = new LinkedHashMap<>();
        byAdapter.forEach((adapter, ofAdapter) -> {
            List<RequestRecord> successes = RecordSelection.where(ofAdapter, RequestRecord::succeeded);
            Percentiles latency = latencies(successes);
            stats.put(adapter, new AdapterStats(ofAdapter.size(), latency.mean(), latency.percentile(95), successes.size(),
                    ofAdapter.size() - successes.size(), serving == null ? null : serving.get(adapter)));
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
