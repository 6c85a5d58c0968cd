package dev.multilora.metrics;

import dev.multilora.results.AdapterServing;
import dev.multilora.results.Distribution;
import dev.multilora.results.EndpointStats;
import dev.multilora.results.Fairness;
import dev.multilora.results.ServingFigures;
import dev.multilora.results.SloFigures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The figures `vllm bench serve` reports, with its definitions and in its units (milliseconds),
 * computed from the per-request records; plus per-adapter serving figures and fairness across
 * adapters, which no other tool reports.
 */
public final class ServingMetrics {

    /** Throughputs, goodput and the TTFT/TPOT/ITL/E2EL distributions of a run. */
    public ServingFigures overall(List<RequestRecord> records, double durationSeconds, Goodput goodput,
                                  InterTokenLatencies interTokenLatencies) {
        List<RequestRecord> measured = RecordSelection.where(records, RequestRecord::isMeasured);
        List<RequestRecord> successes = RecordSelection.where(measured, RequestRecord::succeeded);
        long outputTokens = successes.stream().mapToLong(RequestRecord::completionTokens).sum();
        long inputTokens = successes.stream().filter(r -> r.promptTokens() != null).mapToLong(RequestRecord::promptTokens).sum();
        return new ServingFigures(successes.size(), inputTokens, outputTokens, rate(successes.size(), durationSeconds),
                rate(outputTokens, durationSeconds), rate(inputTokens + outputTokens, durationSeconds),
                slo(measured, durationSeconds, goodput),
                distribution(seconds(successes, RequestRecord::ttftSeconds)),
                distribution(seconds(successes, RequestRecord::tpotSeconds)),
                interTokenLatencies.figures(),
                distribution(seconds(successes, RequestRecord::latencySeconds)),
                successes.stream().filter(r -> r.stream() != null && r.stream().tokensCounted()).count());
    }

    /** The serving figures of each adapter (sorted by name), to sit beside API.md's adapter_stats keys. */
    public Map<String, AdapterServing> perAdapter(List<RequestRecord> records, double durationSeconds, Goodput goodput,
                                                  InterTokenLatencies interTokenLatencies) {
        Map<String, AdapterServing> figures = new LinkedHashMap<>();
        byAdapter(records).forEach((adapter, ofAdapter) -> {
            List<RequestRecord> successes = RecordSelection.where(ofAdapter, RequestRecord::succeeded);
            figures.put(adapter, new AdapterServing(rate(successes.size(), durationSeconds),
                    rate(successes.stream().mapToLong(RequestRecord::completionTokens).sum(), durationSeconds),
                    slo(ofAdapter, durationSeconds, goodput),
                    distribution(seconds(successes, RequestRecord::ttftSeconds)),
                    distribution(seconds(successes, RequestRecord::tpotSeconds)),
                    interTokenLatencies.figures(adapter),
                    distribution(seconds(successes, RequestRecord::latencySeconds))));
        });
        return figures;
    }

    /** Each server's share of the measured requests, by base URL in the given order; servers that got none are left out. */
    public Map<String, EndpointStats> perEndpoint(List<RequestRecord> records, double durationSeconds, List<String> urls) {
        Map<String, List<RequestRecord>> sentTo = RecordSelection.groupedBy(records, r -> r.isMeasured() ? r.endpoint() : null);
        Map<String, List<RequestRecord>> byEndpoint = new LinkedHashMap<>();
        urls.forEach(url -> byEndpoint.put(url, sentTo.getOrDefault(url, List.of())));
        sentTo.forEach(byEndpoint::putIfAbsent);
        Map<String, EndpointStats> stats = new LinkedHashMap<>();
        byEndpoint.forEach((url, sent) -> {
            if (!sent.isEmpty()) {
                List<RequestRecord> successes = RecordSelection.where(sent, RequestRecord::succeeded);
                stats.put(url, new EndpointStats(sent.size(), successes.size(), sent.size() - successes.size(),
                        rate(successes.size(), durationSeconds), distribution(seconds(successes, RequestRecord::ttftSeconds)),
                        distribution(seconds(successes, RequestRecord::latencySeconds))));
            }
        });
        return stats;
    }

    /**
     * How evenly adapters are served: Jain's index (1 = all equal) of per-adapter mean E2EL and mean
     * TTFT, and the max/min ratio of per-adapter p95 E2EL. Latency, not throughput, so a skewed
     * popularity does not read as unfair. Null where fewer than two adapters have figures.
     */
    public Fairness fairness(List<RequestRecord> records) {
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
        Double ratio = p95E2el.size() < 2 ? null
                : p95E2el.stream().mapToDouble(d -> d).max().orElseThrow() / p95E2el.stream().mapToDouble(d -> d).min().orElseThrow();
        return new Fairness(jain(meanE2el), jain(meanTtft), ratio);
    }

    static Double jain(List<Double> values) {
        if (values.size() < 2) {
            return null;
        }
        double sum = values.stream().mapToDouble(d -> d).sum();
        double squares = values.stream().mapToDouble(d -> d * d).sum();
        return squares == 0 ? null : sum * sum / (values.size() * squares);
    }

    private static SloFigures slo(List<RequestRecord> measured, double durationSeconds, Goodput goodput) {
        if (!goodput.isDefined()) {
            return SloFigures.UNDEFINED;
        }
        long good = measured.stream().filter(goodput::isGood).count();
        return new SloFigures(rate(good, durationSeconds), measured.isEmpty() ? null : 100.0 * good / measured.size());
    }

    private static Distribution distribution(double[] seconds) {
        Percentiles samples = Percentiles.of(seconds);
        return new Distribution(millis(samples.mean()), millis(samples.percentile(50)), millis(samples.std()),
                millis(samples.percentile(50)), millis(samples.percentile(90)), millis(samples.percentile(95)),
                millis(samples.percentile(99)));
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
