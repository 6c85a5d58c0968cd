package dev.multilora.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.metrics.RequestOutcome;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.results.AdapterStats;
import dev.multilora.results.Distribution;
import dev.multilora.results.LatencySummary;
import dev.multilora.results.RequestCounts;
import dev.multilora.results.RunResults;
import dev.multilora.results.SloFigures;
import dev.multilora.results.TestResults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportPageTest {
    private static final String HOSTILE = "<script>alert('x')</script> & co";

    private final ReportPage page = new ReportPage();

    static RunResults results() {
        return base().build();
    }

    private static TestResults base() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", HOSTILE);
        model.put("max_model_len", null);
        return new TestResults()
                .counts(new RequestCounts(1234, 2, 1232))
                .metrics(new LatencySummary(0.125, 0.1, 0.2, 0.25, 12.5, 321.0))
                .adapterStats(Map.of("alpha_adapter", new AdapterStats(3, 0.125, 0.2, 2, 1, null)))
                .config(Map.of("model", model))
                .invalidLines(7)
                .excluded(List.of(new RunResults.ExcludedAdapter("too_big", "rank 64 > max_lora_rank 16")));
    }

    static RequestRecord failed(String error) {
        return new RequestRecord(1, 1, HOSTILE, "alpha_adapter", null, null, null, null, null, null, 500, error, null, null, null, null, error == null ? RequestOutcome.OK : RequestOutcome.FAILED, null, false);
    }

    @Test
    void showsTheSummaryAdaptersExclusionsAndConfig() {
        String html = page.render(results(), List.of(), List.of());

        assertTrue(html.contains("<td>Total requests</td><td>1234</td>"), html);
        assertTrue(html.contains("<td>p95 latency (s)</td><td>0.2000</td>"), html);
        assertTrue(html.contains("<td>Generated tokens per second</td><td>321.00</td>"), html);
        assertTrue(html.contains("<td>Invalid dataset lines</td><td>7</td>"), html);
        assertTrue(html.contains("<tr><td>alpha_adapter</td><td>3</td><td>2</td><td>1</td><td>0.1250</td><td>0.2000</td></tr>"), html);
        assertTrue(html.contains("<td>too_big</td><td>rank 64 &gt; max_lora_rank 16</td>"), html);
        assertTrue(html.contains("<td>model.max_model_len</td><td>(unset)</td>"), html);
        assertFalse(html.contains("TTFT"), "no streaming figures for a run that did not stream");
    }

    @Test
    void showsStreamingFiguresAndGoodputWhenTheRunHasThem() {
        Distribution streamed = new Distribution(12.0, 10.0, 5.0, 10.0, 20.0, 25.0, 30.0);
        RunResults results = base().serving(TestResults.serving(streamed, streamed, streamed, new SloFigures(4.5, 90.0))).build();

        String html = page.render(results, List.of(), List.of());

        assertTrue(html.contains("<td>TTFT mean / p50 / p99 (ms)</td><td>12.00 / 10.00 / 30.00</td>"), html);
        assertTrue(html.contains("<td>Goodput (req/s) / SLO attainment (%)</td><td>4.50 / 90.00</td>"), html);
    }

    @Test
    void escapesEverythingTakenFromTheRun() {
        String html = page.render(results(), List.of(failed("HTTP 500: " + HOSTILE)), List.of());

        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("<td>model.name</td><td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</td>"), html);
        assertTrue(html.contains("<td>HTTP 500: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</td><td>1</td>"), html);
    }

    @Test
    void errorsAreGroupedByMessageMostFrequentFirst() {
        List<RequestRecord> records = List.of(failed("HTTP 401: Unauthorized"), failed("timeout"), failed("HTTP 401: Unauthorized"),
                failed("HTTP 401: Unauthorized"), failed("timeout"), failed("connection refused"));

        assertEquals(List.of(new ErrorGroups.Group("HTTP 401: Unauthorized", 3), new ErrorGroups.Group("timeout", 2),
                new ErrorGroups.Group("connection refused", 1)), ErrorGroups.of(records));
        String html = page.render(results(), records, List.of());
        assertTrue(html.indexOf("<td>HTTP 401: Unauthorized</td><td>3</td>") < html.indexOf("<td>timeout</td><td>2</td>"), html);
    }

    @Test
    void aRunWithoutFailuresOrPlotsSaysSo() {
        String html = page.render(results(), List.of(), List.of());

        assertTrue(html.contains("No request failed."), html);
        assertTrue(html.contains("No plot"), html);
        assertFalse(html.contains("<img"), html);
    }

    @Test
    void needsNothingFromTheNetwork() {
        String html = page.render(results(), List.of(), List.of("plots/latency_cdf.png"));

        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("//cdn"), html);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<link"), html);
        assertTrue(html.contains("<img src=\"plots/latency_cdf.png\" alt=\"latency cdf\">"), html);
    }
}
