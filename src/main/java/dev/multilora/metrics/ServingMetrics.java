package dev.multilora.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The figures `vllm bench serve` reports, under its names and in its units (milliseconds), computed
 * with its definitions from the per-request records; plus per-adapter serving figures and fairness
 * across adapters, which no other tool reports.
 */
public final class ServingMetrics {
    private static final double[] PERCENTILES = {50, 90, 95, 99};

    /** Throughputs, goodput and the TTFT/TPOT/ITL/E2EL distributions of a run. */
    public Map<String, Object> overall(List<RequestRecord> records, double durationSeconds, Goodput goodput,
                                       InterTokenLatencies interTokenLatencies) {
        List<RequestRecord> measured = RecordSelection.where(records, RequestRecord::isMeasured);
        List<RequestRecord> successes = RecordSelection.where(measured, RequestRecord::succeeded);
        long outputTokens = successes.stream().mapToLong(RequestRecord::completionTokens).sum();
        long inputTokens = successes.stream().filter(r -> r.promptTokens() != null).mapToLong(RequestRecord::promptTokens).sum();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("completed", successes.size());
        figures.put("total_input_tokens", inputTokens);
        figures.put("total_output_tokens", outputTokens);
        figures.put("request_throughput", rate(successes.size(), durationSeconds));
        figures.put("output_throughput", rate(outputTokens, durationSeconds));
        figures.put("total_token_throughput", rate(inputTokens + outputTokens, durationSeconds));
        putGoodput(figures, measured, durationSeconds, goodput);
        figures.putAll(distribution("ttft", seconds(successes, RequestRecord::ttftSeconds)));
        figures.putAll(distribution("tpot", seconds(successes, RequestRecord::tpotSeconds)));
        figures.putAll(interTokenLatencies.figures());
        figures.putAll(distribution("e2el", seconds(successes, RequestRecord::latencySeconds)));
        figures.put("tokens_counted_requests", successes.stream().filter(r -> r.stream() != null && r.stream().tokensCounted()).count());
        return figures;
    }

    /** The serving figures of each adapter (sorted by name), to sit beside API.md's adapter_stats keys. */
    public Map<String, Map<String, Object>> perAdapter(List<RequestRecord> records, double durationSeconds, Goodput goodput) {
        Map<String, List<RequestRecord>> byAdapter = byAdapter(records);
        Map<String, Map<String, Object>> figures = new LinkedHashMap<>();
        byAdapter.forEach((adapter, ofAdapter) -> {
            List<RequestRecord> successes = RecordSelection.where(ofAdapter, RequestRecord::succeeded);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("requests_per_sec", rate(successes.size(), durationSeconds));
            entry.put("output_tokens_per_sec", rate(successes.stream().mapToLong(RequestRecord::completionTokens).sum(), durationSeconds));
            putGoodput(entry, ofAdapter, durationSeconds, goodput);
            entry.putAll(percentiles("ttft", seconds(successes, RequestRecord::ttftSeconds), 50, 95, 99));
            entry.putAll(percentiles("tpot", seconds(successes, RequestRecord::tpotSeconds), 50, 95, 99));
            entry.putAll(percentiles("e2el", seconds(successes, RequestRecord::latencySeconds), 50, 95, 99));
            figures.put(adapter, entry);
        });
        return figures;
    }

    /**
     * How evenly adapters are served: Jain's index (1 = all equal) of per-adapter mean E2EL and mean
     * TTFT, and the max/min ratio of per-adapter p95 E2EL. Latency, not throughput, so a skewed
     * popularity does not read as unfair. Null where fewer than two adapters have figures.
     */
    public Map<String, Object> fairness(List<RequestRecord> records) {
        List<Double> meanE2el = new ArrayList<>();
        List<Double> meanTtft = new ArrayList<>();
        List<Double> p95E2el = new ArrayList<>();
        byAdapter(records).values().forEach(ofAdapter -> {
            List<RequestRecord> successes = RecordSelection.where(ofAdapter, RequestRecord::succeeded);
            Percentiles e2el = Percentiles.of(seconds(successes, RequestRecord::latencySeconds));
            Percentiles ttft = Percentiles.of(seconds(successes, RequestRecord::ttftSeconds));
            if (!e2el.isEmpty()) {
                meanE2el.add(e2el.mean());
                p95E2el.add(e2el.percentile(95));
            }
            if (!ttft.isEmpty()) {
                meanTtft.add(ttft.mean());
            }
        });
        Map<String, Object> fairness = new LinkedHashMap<>();
        fairness.put("jain_index_mean_e2el", jain(meanE2el));
        fairness.put("jain_index_mean_ttft", jain(meanTtft));
        fairness.put("p95_e2el_max_min_ratio", p95E2el.size() < 2 ? null
                : p95E2el.stream().mapToDouble(d -> d).max().orElseThrow() / p95E2el.stream().mapToDouble(d -> d).min().orElseThrow());
        return fairness;
    }

    static Double jain(List<Double> values) {
        if (values.size() < 2) {
            return null;
        }
        double sum = values.stream().mapToDouble(d -> d).sum();
        double squares = values.stream().mapToDouble(d -> d * d).sum();
        return squares == 0 ? null : sum * sum / (values.size() * squares);
    }

    private static void putGoodput(Map<String, Object> figures, List<RequestRecord> measured, double durationSeconds, Goodput goodput) {
        if (!goodput.isDefined()) {
            figures.put("request_goodput", null);
            figures.put("slo_attainment_pct", null);
            return;
        }
        long good = measured.stream().filter(goodput::isGood).count();
        figures.put("request_goodput", rate(good, durationSeconds));
        figures.put("slo_attainment_pct", measured.isEmpty() ? null : 100.0 * good / measured.size());
    }

    private static Map<String, Object> distribution(String metric, double[] seconds) {
        Percentiles samples = Percentiles.of(seconds);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("mean_" + metric + "_ms", millis(samples.mean()));
        figures.put("median_" + metric + "_ms", millis(samples.percentile(50)));
        figures.put("std_" + metric + "_ms", millis(samples.std()));
        for (double p : PERCENTILES) {
            figures.put("p" + (int) p + "_" + metric + "_ms", millis(samples.percentile(p)));
        }
        return figures;
    }

    private static Map<String, Object> percentiles(String metric, double[] seconds, double... ps) {
        Percentiles samples = Percentiles.of(seconds);
        Map<String, Object> figures = new LinkedHashMap<>();
        for (double p : ps) {
            figures.put("p" + (int) p + "_" + metric + "_ms", millis(samples.percentile(p)));
        }
        return figures;
    }

    private static Map<String, List<RequestRecord>> byAdapter(List<RequestRecord> records) {
        return RecordSelection.byAdapter(RecordSelection.where(records, RequestRecord::isMeasured));
    }

    private static double[] seconds(List<RequestRecord> records, Function<RequestRecord, Double> metric) {
        return RecordSelection.values(records, metric);
    }

    private static Double millis(Double seconds) {
        return seconds == null ? null : seconds * 1000;
    }

    private static double rate(long count, double durationSeconds) {
        return durationSeconds > 0 ? count / durationSeconds : 0.0;
    }
}
