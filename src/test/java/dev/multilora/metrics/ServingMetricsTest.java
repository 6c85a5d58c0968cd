package dev.multilora.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.results.AdapterServing;
import dev.multilora.results.EndpointStats;
import dev.multilora.results.Fairness;
import dev.multilora.results.ServingFigures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every figure against values worked out by hand. */
class ServingMetricsTest {
    private static final double EPSILON = 1e-9;
    private final ServingMetrics metrics = new ServingMetrics();

    /** adapter a: ttft 0.1, e2el 1.0, 10 tokens, gaps 0.1 x 3 ; ttft 0.3, e2el 2.0, 5 tokens, gap 0.5 */
    private final RequestRecord a1 = streamed(1, "a", 0.1, 1.0, 10, 20);
    private final RequestRecord a2 = streamed(2, "a", 0.3, 2.0, 5, 20);
    /** adapter b: one token only (no TPOT), and one failure */
    private final RequestRecord b1 = streamed(3, "b", 0.2, 0.2, 1, 10);
    /** The gaps of a1's and a2's streams, as the client records them. */
    private final InterTokenLatencies gaps = new InterTokenLatencies();

    {
        gaps.record("a", new long[] {0, 100_000_000, 200_000_000, 300_000_000}, 4);
        gaps.record("a", new long[] {1_000_000_000, 1_500_000_000}, 2);
    }
    private final RequestRecord b2 = new RequestRecord(4, 4, "p", "b", null, null, null, null, null, null, 500, "HTTP 500: x", null, null, null, null, RequestOutcome.FAILED, null, false, null);

    @Test
    void overallFiguresUseVllmsNamesAndDefinitions() {
        ServingFigures figures = metrics.overall(List.of(a1, a2, b1, b2), 2.0, new Goodput(Map.of()), gaps);

        assertEquals(3, figures.completed());
        assertEquals(50L, figures.totalInputTokens());
        assertEquals(16L, figures.totalOutputTokens());
        assertClose(1.5, figures.requestThroughput());
        assertClose(8.0, figures.outputThroughput());
        assertClose(33.0, figures.totalTokenThroughput());
        assertClose(200.0, figures.ttft().mean());
        assertClose(200.0, figures.ttft().median());
        assertClose(Math.sqrt(2.0 / 3) * 100, figures.ttft().std());
        assertClose(298.0, figures.ttft().p99());
        // TPOT: (1.0-0.1)/9 = 0.1 and (2.0-0.3)/4 = 0.425; the 1-token request has none
        assertClose(262.5, figures.tpot().mean());
        assertClose(100 + 0.9 * 325, figures.tpot().p90());
        // ITL: all gaps together [0.1, 0.1, 0.1, 0.5]; exact mean, percentiles within HdrHistogram's 0.1%
        assertClose(200.0, figures.itl().mean());
        assertWithin(0.001, 100.0, figures.itl().median());
        assertWithin(0.001, 500.0, figures.itl().p99());
        assertClose(Math.sqrt(0.03) * 1000, figures.itl().std());
        assertClose(1000.0 * (1.0 + 2.0 + 0.2) / 3, figures.e2el().mean());
        assertNull(figures.slo().requestGoodput(), "no SLO, no goodput");
    }

    @Test
    void goodputCountsRequestsMeetingEverySlo() {
        Goodput slo = new Goodput(Map.of("ttft_ms", 250.0, "tpot_ms", 150.0));

        assertTrue(slo.isGood(a1));
        assertFalse(slo.isGood(a2), "ttft 300 ms misses 250 ms");
        assertTrue(slo.isGood(b1), "a single token has no TPOT, which counts as 0");
        assertFalse(slo.isGood(b2), "failures are never good");
        ServingFigures figures = metrics.overall(List.of(a1, a2, b1, b2), 2.0, slo, gaps);
        assertClose(1.0, figures.slo().requestGoodput());
        assertClose(50.0, figures.slo().attainmentPct());
        assertClose(50.0, metrics.perAdapter(List.of(a1, a2, b1, b2), 2.0, slo, gaps).get("a").slo().attainmentPct());
    }

    @Test
    void perAdapterFigures() {
        Map<String, AdapterServing> figures = metrics.perAdapter(List.of(a1, a2, b1, b2), 2.0, new Goodput(Map.of()), gaps);

        assertEquals(List.of("a", "b"), List.copyOf(figures.keySet()));
        assertClose(1.0, figures.get("a").requestsPerSec());
        assertClose(7.5, figures.get("a").outputTokensPerSec());
        assertClose(200.0, figures.get("a").ttft().p50());
        assertClose(1000 * (1.0 + 0.95), figures.get("a").e2el().p95());
        assertNull(figures.get("b").tpot().p50());
        assertEquals(100.0, figures.get("a").itl().p50(), 0.1);
        assertEquals(500.0, figures.get("a").itl().p99(), 0.5);
        assertNull(figures.get("b").itl().p50(), "b's streams had a single token: no gaps");
    }

    @Test
    void fairnessComparesAdaptersLatencies() {
        Fairness fairness = metrics.fairness(List.of(a1, a2, b1, b2));

        // mean E2EL: a 1.5, b 0.2 -> (1.7)^2 / (2 * (2.25 + 0.04))
        assertClose(1.7 * 1.7 / (2 * 2.29), fairness.jainIndexMeanE2el());
        assertClose(0.4 * 0.4 / (2 * (0.04 + 0.04)), fairness.jainIndexMeanTtft());
        assertClose(1.95 / 0.2, fairness.p95E2elMaxMinRatio());
        assertNull(metrics.fairness(List.of(a1)).jainIndexMeanE2el(), "one adapter cannot be unfair");
        assertEquals(1.0, ServingMetrics.jain(List.of(3.0, 3.0, 3.0)), EPSILON);
    }

    @Test
    void eachServerCountsTheMeasuredRequestsItGotInTheGivenOrderAndOneWithNoneIsLeftOut() {
        String a = "http://127.0.0.1:1";
        String b = "http://127.0.0.1:2";
        String idle = "http://127.0.0.1:3";
        String unlisted = "http://127.0.0.1:4";
        List<RequestRecord> records = List.of(sentTo(1, b), sentTo(2, a), sentTo(3, b), sentTo(4, unlisted),
                new RequestRecord(null, 9, "p", "alpha", null, 0.5, 0.0, 4, 2, "t", 200, null, null, null, null, null,
                        RequestOutcome.OK, null, false, a));

        Map<String, EndpointStats> stats = metrics.perEndpoint(records, 2.0, List.of(a, b, idle));

        assertEquals(List.of(a, b, unlisted), List.copyOf(stats.keySet()));
        assertEquals(1, stats.get(a).count(), "an unmeasured record counts for no server");
        assertEquals(2, stats.get(b).count());
        assertEquals(1.0, stats.get(b).requestsPerSec(), EPSILON);
    }

    private static RequestRecord sentTo(int id, String endpoint) {
        return new RequestRecord(id, id, "p", "alpha", null, 0.5, 0.0, 4, 2, "t", 200, null,
                new StreamTiming(0.1, false), null, null, null, RequestOutcome.OK, null, false, endpoint);
    }

    private static RequestRecord streamed(int id, String adapter, double ttft, double e2el, int tokens, int promptTokens) {
        return new RequestRecord(id, id, "p", adapter, null, e2el, 0.0, tokens, promptTokens, "t", 200, null,
                new StreamTiming(ttft, false), null, null, null, RequestOutcome.OK, null, false, null);
    }

    private static void assertWithin(double relative, double expected, Object actual) {
        assertEquals(expected, ((Number) actual).doubleValue(), relative * expected);
    }

    private static void assertClose(double expected, Object actual) {
        assertEquals(expected, ((Number) actual).doubleValue(), EPSILON * Math.max(1, Math.abs(expected)));
    }
}
