package dev.multilora.report;

import dev.multilora.adapter.AdapterDistribution;
import dev.multilora.config.Setting;
import dev.multilora.metrics.ColdStarts;
import dev.multilora.metrics.Goodput;
import dev.multilora.metrics.RequestOutcome;
import dev.multilora.metrics.RecordSelection;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.metrics.ResultsSummary;
import dev.multilora.metrics.SendTimings;
import dev.multilora.metrics.ServingMetrics;
import dev.multilora.results.AdapterPopularity;
import dev.multilora.results.ColdStartFigures;
import dev.multilora.results.EndpointStats;
import dev.multilora.results.Pacing;
import dev.multilora.results.RunResults;
import dev.multilora.results.RunStatus;
import dev.multilora.results.WarmupFigures;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.server.ServerCommandLine;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Computes a run's results from its records alone, once its requests are done. */
public final class RunResultsBuilder {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final ResultsSummary summary = new ResultsSummary();
    private final ServingMetrics serving = new ServingMetrics();
    private final SendTimings sendTimings = new SendTimings();
    private final ServerMetricsSummary serverMetrics = new ServerMetricsSummary();

    public RunResults build(List<RequestRecord> records, BenchmarkRun run) {
        double duration = run.requestPhaseSeconds();
        Goodput goodput = new Goodput(run.config().sloMillis());
        List<RequestRecord> measured = RecordSelection.where(records, RequestRecord::isMeasured);
        ColdStarts coldStarts = new ColdStarts(run.adapterColdStartsKnown(), run.config().string(Setting.MODEL_NAME));
        ColdStarts.Basis coldBasis = coldStarts.basis(records);
        RunResults.EndReasons reasons = reasons(run);
        return new RunResults(
                summary.counts(records),
                duration,
                summary.metrics(records, duration),
                summary.statsByAdapter(measured, serving.perAdapter(records, duration, goodput, run.interTokenLatencies())),
                run.config().asNestedMap(),
                TIMESTAMP.format(run.startedAt()),
                status(reasons),
                reasons,
                records.stream().filter(r -> r.outcome() == RequestOutcome.NOT_SENT).count(),
                run.dataset(),
                summary.invalidLines(records),
                run.config().flag(Setting.STREAM),
                run.config().longValue(Setting.SEED),
                run.config().integer(Setting.CONCURRENCY),
                run.config().sloMillis(),
                serving.overall(records, duration, goodput, run.interTokenLatencies()),
                serving.fairness(records),
                new ColdStartFigures(coldBasis.description(),
                        coldBasis == ColdStarts.Basis.UNKNOWN ? null : coldStarts.perAdapter(records)),
                warmup(run),
                run.config().flag(Setting.RANDOM_ADAPTER_ASSIGNMENT),
                popularity(records, run),
                new Pacing(run.config().optionalDecimal(Setting.REQUEST_RATE).orElse(null), run.config().decimal(Setting.BURSTINESS),
                        sendTimings.achievedRequestRate(records), sendTimings.schedulerSlipMillis(records),
                        sendTimings.slotWaitMillis(records)),
                run.requestPhaseCpuSeconds(),
                run.catalog().adapters().stream()
                        .map(adapter -> new RunResults.CatalogAdapter(adapter.name(), adapter.path(), adapter.rank())).toList(),
                server(run, serving.perEndpoint(records, duration, run.serverUrls())),
                run.environment(),
                serverMetrics.of(run.serverMetrics(), records),
                run.catalog().excluded().stream()
                        .map(adapter -> new RunResults.ExcludedAdapter(adapter.name(), adapter.reason())).toList(),
                run.scheduleFire().map(fire -> new RunResults.ScheduleFacts(fire.name(), fire.localFireTime().toString())).orElse(null),
                null);
    }

    /** An interruption hides a server failure it caused: the person stopped the run, the server did not fail it. */
    private static RunResults.EndReasons reasons(BenchmarkRun run) {
        String interrupted = run.interruptedBecause().orElse(null);
        String failed = interrupted != null ? null : run.serverFailure().orElse(null);
        return new RunResults.EndReasons(interrupted, failed, run.stoppedBecause().orElse(null));
    }

    private static RunStatus status(RunResults.EndReasons reasons) {
        return reasons.interrupted() != null ? RunStatus.INTERRUPTED
                : reasons.failed() != null ? RunStatus.FAILED
                : reasons.stopped() != null ? RunStatus.STOPPED : RunStatus.COMPLETED;
    }

    private WarmupFigures warmup(BenchmarkRun run) {
        List<RequestRecord> records = run.warmup();
        return new WarmupFigures(run.config().integer(Setting.WARMUP_REQUESTS), summary.counts(records),
                summary.statsByAdapter(records, null));
    }

    /** Null unless adapters are drawn at random. */
    private static AdapterPopularity popularity(List<RequestRecord> records, BenchmarkRun run) {
        if (!run.config().flag(Setting.RANDOM_ADAPTER_ASSIGNMENT)) {
            return null;
        }
        AdapterDistribution distribution = AdapterDistribution.fromConfig(run.config().map(Setting.ADAPTER_DISTRIBUTION));
        Map<String, Long> realized = new LinkedHashMap<>();
        run.catalog().adapters().forEach(adapter -> realized.put(adapter.name(), 0L));
        records.stream().filter(RequestRecord::isMeasured).forEach(r -> realized.merge(r.adapterName(), 1L, Long::sum));
        return new AdapterPopularity(distribution.type(), distribution.alpha(), realized);
    }

    /** What the server says of itself beside what the config asked, so an external server's settings are not guessed. */
    private static RunResults.ServerFacts server(BenchmarkRun run, Map<String, EndpointStats> endpoints) {
        String mode = run.server() == null ? run.config().string(Setting.SERVER_MODE) : run.server().mode();
        Integer maxLora = run.serverMetrics().scrapes().stream().map(scrape -> scrape.state().maxLora())
                .filter(Objects::nonNull).reduce((first, last) -> last).orElse(null);
        List<String> notApplied = mode.equals("external")
                ? ServerCommandLine.LAUNCH_SETTINGS.stream().map(Setting::key).toList() : List.of();
        return new RunResults.ServerFacts(mode, run.baseUrl(), run.server() == null ? null : run.server().fresh(), maxLora, notApplied,
                endpoints, run.server() == null ? List.of() : run.server().ignoredArguments());
    }
}
