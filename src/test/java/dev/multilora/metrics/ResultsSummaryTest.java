package dev.multilora.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.multilora.results.AdapterStats;
import dev.multilora.results.LatencySummary;
import dev.multilora.results.RequestCounts;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsSummaryTest {
    private static final double EPS = 1e-12;
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

    private static RequestRecord success(int id, String adapter, double latency, int tokens) {
        return new RequestRecord(id, id, "p" + id, adapter, T0, latency, 0.0, tokens, 5, "out" + id, 200, null, null, null, null, null, RequestOutcome.OK, null, false, null);
    }

    private static RequestRecord failure(int id, String adapter) {
        return new RequestRecord(id, id, "p" + id, adapter, T0, null, 0.0, null, null, null, 500, "HTTP 500: boom", null, null, null, null, RequestOutcome.FAILED, null, false, null);
    }

    private static RequestRecord invalidLine(int line) {
        return new RequestRecord(null, line, null, null, null, null, null, null, null, null, null, "not valid JSON", null, null, null, null, RequestOutcome.INVALID_LINE, null, false, null);
    }

    private static final RequestRecord A1 = success(1, "alpha", 0.1, 10);
    private static final RequestRecord B2 = success(2, "beta", 0.3, 20);
    private static final RequestRecord A3 = failure(3, "alpha");
    private static final RequestRecord A4 = success(4, "alpha", 0.2, 30);
    private static final RequestRecord G5 = failure(5, "gamma");
    private static final RequestRecord INVALID_9 = invalidLine(9);
    private static final RequestRecord INVALID_7 = invalidLine(7);
    private static final List<RequestRecord> RECORDS = List.of(INVALID_9, G5, A3, A1, INVALID_7, B2, A4);

    private final ResultsSummary summary = new ResultsSummary();

    private Map<String, AdapterStats> measuredStats() {
        return summary.statsByAdapter(RecordSelection.where(RECORDS, RequestRecord::isMeasured), null);
    }

    @Test
    void invalidLinesCountInTotalAndFailed() {
        assertEquals(new RequestCounts(7, 3, 4), summary.counts(RECORDS));
        assertEquals(2, summary.invalidLines(RECORDS));
    }

    @Test
    void latencyMetricsAreOverSuccessesAndRatesOverTheDuration() {
        LatencySummary metrics = summary.metrics(RECORDS, 2.0);
        // successes' latencies 0.1, 0.2, 0.3; completion tokens 10 + 20 + 30
        assertEquals(0.2, metrics.meanLatency(), EPS);
        assertEquals(0.2, metrics.p50Latency(), EPS);
        assertEquals(0.29, metrics.p95Latency(), EPS);
        assertEquals(0.298, metrics.p99Latency(), EPS);
        assertEquals(1.5, metrics.requestsPerSec(), EPS);
        assertEquals(30.0, metrics.tokensPerSec(), EPS);
    }

    @Test
    void zeroDurationGivesZeroRates() {
        LatencySummary metrics = summary.metrics(RECORDS, 0.0);
        assertEquals(0.0, metrics.requestsPerSec());
        assertEquals(0.0, metrics.tokensPerSec());
    }

    @Test
    void noSuccessLeavesLatenciesNull() {
        LatencySummary metrics = summary.metrics(List.of(A3, INVALID_7), 1.0);
        assertNull(metrics.meanLatency());
        assertNull(metrics.p95Latency());
        assertEquals(0.0, metrics.requestsPerSec());
    }

    @Test
    void adapterStatsCountFailuresButTimeOnlySuccessesSortedByName() {
        Map<String, AdapterStats> stats = measuredStats();
        assertEquals(List.of("alpha", "beta", "gamma"), List.copyOf(stats.keySet()));

        AdapterStats alpha = stats.get("alpha");
        assertEquals(3, alpha.count());
        assertEquals(2, alpha.successful());
        assertEquals(1, alpha.failed());
        assertEquals(0.15, alpha.avgLatency(), EPS);
        assertEquals(0.195, alpha.p95Latency(), EPS); // rank 0.95 between 0.1 and 0.2

        AdapterStats beta = stats.get("beta");
        assertEquals(1, beta.count());
        assertEquals(0.3, beta.avgLatency(), EPS);
        assertEquals(0.3, beta.p95Latency(), EPS);
    }

    @Test
    void adapterWithoutSuccessHasNullLatency() {
        AdapterStats gamma = measuredStats().get("gamma");
        assertEquals(1, gamma.count());
        assertEquals(1, gamma.failed());
        assertNull(gamma.avgLatency());
        assertNull(gamma.p95Latency());
    }

    @Test
    void orderedPutsMeasuredByIdThenInvalidLinesByLineNumber() {
        assertEquals(List.of(A1, B2, A3, A4, G5, INVALID_7, INVALID_9), ResultsSummary.ordered(RECORDS));
    }

    @Test
    void orderedKeepsLargeIdsApartAndDuplicatesInTheirOrder() {
        RequestRecord big = new RequestRecord(3_000_000, 1, "p", "alpha", null, 0.1, 0.0, 1, 1, "t", 200, null, null, null, null, null, RequestOutcome.OK, null, false, null);
        RequestRecord first = new RequestRecord(7, 2, "first", "alpha", null, 0.1, 0.0, 1, 1, "t", 200, null, null, null, null, null, RequestOutcome.OK, null, false, null);
        RequestRecord second = new RequestRecord(7, 3, "second", "alpha", null, 0.1, 0.0, 1, 1, "t", 200, null, null, null, null, null, RequestOutcome.OK, null, false, null);

        assertEquals(List.of(first, second, big, INVALID_7), ResultsSummary.ordered(List.of(INVALID_7, big, first, second)));
    }
}
