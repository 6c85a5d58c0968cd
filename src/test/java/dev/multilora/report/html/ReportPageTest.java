package dev.multilora.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.metrics.RequestOutcome;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.results.AdapterColdStart;
import dev.multilora.results.AdapterServing;
import dev.multilora.results.AdapterStats;
import dev.multilora.results.ColdStartFigures;
import dev.multilora.results.RunStatus;
import dev.multilora.results.Distribution;
import dev.multilora.results.EndpointStats;
import dev.multilora.results.LatencySummary;
import dev.multilora.results.RequestCounts;
import dev.multilora.results.RunResults;
import dev.multilora.results.SloFigures;
import dev.multilora.results.TestResults;
import java.nio.file.Path;
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
        return new RequestRecord(1, 1, HOSTILE, "alpha_adapter", null, null, null, null, null, null, 500, error, null, null, null, null, error == null ? RequestOutcome.OK : RequestOutcome.FAILED, null, false, null);
    }

    @Test
    void showsTheFiguresAtATglanceAdaptersExclusionsAndConfig() {
        String html = page.render(results(), List.of(), List.of(), null);

        assertTrue(html.contains("<div class=\"label\">requests</div><div class=\"value\">2 ok</div>"
                + "<div class=\"detail\">1232 failed (7 invalid lines, 0 not sent)</div>"), html);
        assertTrue(html.contains("<div class=\"label\">E2EL</div><div class=\"value\">100 ms</div><div class=\"detail\">p99 250 ms</div>"), html);
        assertTrue(html.contains("<div class=\"label\">throughput</div><div class=\"value\">12.50 req/s</div>"), html);
        assertTrue(html.contains("<tr><td>alpha_adapter</td><td>3</td><td>1</td>"), html);
        assertTrue(html.contains("<td>too_big</td><td>rank 64 &gt; max_lora_rank 16</td>"), html);
        assertTrue(html.contains("<td>model.max_model_len</td><td>(unset)</td>"), html);
        assertTrue(html.contains("<p class=\"status completed\"><strong>completed</strong>"), html);
        assertFalse(html.contains("<div class=\"label\">TTFT</div>") || html.contains("TTFT p50"), "no streaming figures for a run that did not stream");
    }

    @Test
    void theMultiLoraStoryComesFirst() {
        Distribution fast = new Distribution(40.0, 30.0, 5.0, 30.0, 50.0, 60.0, 70.0);
        Distribution slow = new Distribution(900.0, 250.0, 300.0, 250.0, 700.0, 812.0, 1500.0);
        AdapterServing alpha = new AdapterServing(2.0, 50.0, SloFigures.UNDEFINED, fast, fast, fast, fast);
        Distribution stalling = new Distribution(25.0, 18.0, 20.0, 18.0, 30.0, 40.0, 95.0);
        AdapterServing beta = new AdapterServing(1.0, 20.0, SloFigures.UNDEFINED, slow, fast, stalling, slow);
        RunResults results = base()
                .config(Map.of("lora", Map.of("max_loras", 1)))
                .adapters(List.of(new RunResults.CatalogAdapter("alpha", Path.of("/a"), 8), new RunResults.CatalogAdapter("beta", Path.of("/b"), 8)))
                .adapterStats(Map.of("alpha", new AdapterStats(10, 0.04, 0.06, 10, 0, alpha), "beta", new AdapterStats(10, 0.9, 0.8, 10, 0, beta)))
                .serving(TestResults.serving(slow, fast, fast, SloFigures.UNDEFINED))
                .coldStarts(new ColdStartFigures("the server said", Map.of("beta",
                        new AdapterColdStart(3, 1, 1500.0, 250.0, 1250.0, 1600.0, 300.0, 1300.0, 40.0))))
                .build();

        String html = page.render(results, List.of(), List.of(), null);

        assertTrue(html.contains("Served worst: <strong>beta</strong>, p95 TTFT 812 ms, 13.53&times; that of alpha (60.0 ms)."), html);
        assertTrue(html.contains("2 adapters shared 1 GPU slots (lora.max_loras)"), html);
        assertTrue(html.contains("<tr><td>beta</td><td>10</td><td>0</td><td>1.00</td><td>250 / 812 / 1500</td>"
                + "<td>30.0 / 60.0 / 70.0</td><td>18.0 / 40.0 / 95.0</td>"), html);
        assertTrue(html.contains("<tr><td>beta</td><td>1</td><td>1500</td><td>250</td><td>1250</td><td>40.0</td></tr>"), html);
        assertTrue(html.contains("Mean TTFT (900 ms) is well above its median (250 ms): 1 cold adapter load"), html);
        assertTrue(html.indexOf("Served worst") < html.indexOf("Plots"), "before the plots");
    }

    @Test
    void aFleetHasAServerTableAndOneServerHasNone() {
        Distribution some = new Distribution(40.0, 30.0, 5.0, 30.0, 50.0, 60.0, 70.0);
        RunResults fleet = base().endpoints(new java.util.LinkedHashMap<>(Map.of("http://gpu-1:8000",
                new EndpointStats(20, 20, 0, 2.0, some, some)))).build();
        Map<String, EndpointStats> two = new java.util.LinkedHashMap<>(fleet.server().endpoints());
        two.put("http://gpu-2:8000", new EndpointStats(20, 5, 15, 0.5, some, some));

        String html = page.render(base().endpoints(two).build(), List.of(), List.of(), null);
        String single = page.render(fleet, List.of(), List.of(), null);

        assertTrue(html.contains("<tr><td>http://gpu-2:8000</td><td>20</td><td>15</td><td>0.50</td><td>30.0 / 60.0 / 70.0</td>"), html);
        assertFalse(single.contains("Per server"), "one server: nothing to compare");
    }

    @Test
    void argumentsTheStandInDidNotKnowAreSaidAtTheTop() {
        String html = page.render(base().ignoredArguments(List.of("--enable-prefix-cashing")).build(), List.of(), List.of(), null);

        assertTrue(html.contains("the bundled stand-in accepted arguments it does not know: --enable-prefix-cashing."), html);
        assertTrue(html.indexOf("--enable-prefix-cashing") < html.indexOf("class=\"cards\""), "before the figures");
    }

    @Test
    void aRunThatDidNotCompleteSaysWhyFirst() {
        RunResults interrupted = base().ended(RunStatus.INTERRUPTED, new RunResults.EndReasons("SIGTERM", null, null)).build();

        String html = page.render(interrupted, List.of(), List.of(), null);

        assertTrue(html.contains("<p class=\"status interrupted\"><strong>interrupted</strong> &middot; interrupted: SIGTERM"), html);
        assertTrue(html.indexOf("status interrupted") < html.indexOf("class=\"cards\""), html);
    }

    @Test
    void showsStreamingFiguresAndGoodputWhenTheRunHasThem() {
        Distribution streamed = new Distribution(12.0, 10.0, 5.0, 10.0, 20.0, 25.0, 30.0);
        RunResults results = base().serving(TestResults.serving(streamed, streamed, streamed, new SloFigures(4.5, 90.0))).build();

        String html = page.render(results, List.of(), List.of(), null);

        assertTrue(html.contains("<div class=\"label\">TTFT</div><div class=\"value\">10.0 ms</div><div class=\"detail\">p99 30.0 ms, mean 12.0 ms</div>"), html);
        assertTrue(html.contains("<div class=\"label\">goodput</div><div class=\"value\">4.50 req/s</div><div class=\"detail\">90.0% met the SLO"), html);
    }

    @Test
    void escapesEverythingTakenFromTheRun() {
        String html = page.render(results(), List.of(failed("HTTP 500: " + HOSTILE)), List.of(), null);

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
        String html = page.render(results(), records, List.of(), null);
        assertTrue(html.indexOf("<td>HTTP 401: Unauthorized</td><td>3</td>") < html.indexOf("<td>timeout</td><td>2</td>"), html);
    }

    @Test
    void aRunWithoutFailuresOrPlotsSaysSo() {
        String html = page.render(results(), List.of(), List.of(), null);

        assertTrue(html.contains("No request failed."), html);
        assertTrue(html.contains("No plot"), html);
        assertFalse(html.contains("<img"), html);
    }

    @Test
    void needsNothingFromTheNetwork() {
        String html = page.render(results(), List.of(), List.of("plots/latency_cdf.png"), null);

        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), html);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<link"), html);
        assertTrue(html.contains("<img src=\"plots/latency_cdf.png\" alt=\"latency cdf\">"), html);
    }
}
