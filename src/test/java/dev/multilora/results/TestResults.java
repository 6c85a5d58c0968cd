package dev.multilora.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Run results for tests: plausible defaults, with the parts a test is about set on top. */
public final class TestResults {
    public static final Distribution NO_SAMPLES = new Distribution(null, null, null, null, null, null, null);

    private RequestCounts counts = new RequestCounts(10, 10, 0);
    private double totalDuration = 1.5;
    private LatencySummary metrics = new LatencySummary(0.125, 0.1, 0.2, 0.25, 12.5, 321.0);
    private Map<String, AdapterStats> adapterStats = Map.of();
    private Map<String, Object> config = Map.of("benchmark", Map.of("concurrency", 4));
    private RunStatus status = RunStatus.COMPLETED;
    private RunResults.EndReasons reasons = RunResults.EndReasons.NONE;
    private Path dataset = Path.of("/data/prompts.jsonl");
    private long invalidLines;
    private ServingFigures serving = serving(NO_SAMPLES, NO_SAMPLES, NO_SAMPLES, SloFigures.UNDEFINED);
    private List<RunResults.ExcludedAdapter> excluded = List.of();
    private List<RunResults.CatalogAdapter> adapters = List.of();
    private Comparison comparison;
    private ColdStartFigures coldStarts = new ColdStartFigures("unknown", null);
    private AdapterPopularity popularity;
    private ServerMetricsFigures serverMetrics = ServerMetricsFigures.unavailable("not scraped");
    private Map<String, EndpointStats> endpoints = Map.of();
    private List<String> ignoredArguments = List.of();

    public static ServingFigures serving(Distribution ttft, Distribution tpot, Distribution itl, SloFigures slo) {
        return new ServingFigures(10, 100, 200, 12.5, 321.0, 400.0, slo, ttft, tpot, itl, NO_SAMPLES, 0);
    }

    public TestResults counts(RequestCounts value) {
        counts = value;
        return this;
    }

    public TestResults metrics(LatencySummary value) {
        metrics = value;
        return this;
    }

    public TestResults adapterStats(Map<String, AdapterStats> value) {
        adapterStats = value;
        return this;
    }

    public TestResults config(Map<String, Object> value) {
        config = value;
        return this;
    }

    public TestResults ended(RunStatus value, RunResults.EndReasons why) {
        status = value;
        reasons = why;
        return this;
    }

    public TestResults dataset(Path value) {
        dataset = value;
        return this;
    }

    public TestResults invalidLines(long value) {
        invalidLines = value;
        return this;
    }

    public TestResults serving(ServingFigures value) {
        serving = value;
        return this;
    }

    public TestResults excluded(List<RunResults.ExcludedAdapter> value) {
        excluded = value;
        return this;
    }

    public TestResults adapters(List<RunResults.CatalogAdapter> value) {
        adapters = value;
        return this;
    }

    public TestResults comparison(Comparison value) {
        comparison = value;
        return this;
    }

    public TestResults coldStarts(ColdStartFigures value) {
        coldStarts = value;
        return this;
    }

    public TestResults popularity(AdapterPopularity value) {
        popularity = value;
        return this;
    }

    public TestResults ignoredArguments(List<String> value) {
        ignoredArguments = value;
        return this;
    }

    public TestResults endpoints(Map<String, EndpointStats> value) {
        endpoints = value;
        return this;
    }

    public TestResults serverMetrics(ServerMetricsFigures value) {
        serverMetrics = value;
        return this;
    }

    public RunResults build() {
        return new RunResults(counts, totalDuration, metrics, adapterStats, config, "2026-01-02T03:04:05", status, reasons, 0,
                dataset, invalidLines, true, 42, 4, Map.of(), serving, new Fairness(null, null, null),
                coldStarts, new WarmupFigures(0, new RequestCounts(0, 0, 0), Map.of()), popularity != null, popularity,
                new Pacing(null, 1.0, null, new WaitPercentiles(null, null), new WaitPercentiles(null, null)), null, adapters,
                new RunResults.ServerFacts("managed", "http://127.0.0.1:8000", true, null, List.of(), endpoints,
                        ignoredArguments), Map.of(),
                serverMetrics, excluded, null, comparison);
    }
}
