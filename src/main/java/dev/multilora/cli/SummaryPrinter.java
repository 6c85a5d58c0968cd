package dev.multilora.cli;

import dev.multilora.results.AdapterStats;
import dev.multilora.results.Distribution;
import dev.multilora.results.LatencySummary;
import dev.multilora.results.RunResults;
import dev.multilora.results.ServingFigures;
import dev.multilora.run.RunOutcome;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The summary `bench` prints when a run ends: totals, latency, throughput, one line per adapter. */
final class SummaryPrinter {
    private final PrintStream out;

    SummaryPrinter(PrintStream out) {
        this.out = out;
    }

    void print(RunOutcome outcome) {
        if (!outcome.hasResults()) {
            out.println((outcome.isInterrupted() ? "run interrupted: " : "run failed: ") + outcome.message());
            out.println("report: " + outcome.folder().resolve("error.txt"));
            return;
        }
        RunResults results = outcome.results();
        LatencySummary metrics = results.metrics();
        long failed = results.counts().failed() - results.notSent();
        out.printf(Locale.ROOT, "requests   %d total, %d successful, %d failed%s (%d invalid lines)%n",
                results.counts().total(), results.counts().successful(), failed,
                results.notSent() == 0 ? "" : ", " + results.notSent() + " not sent", results.invalidLines());
        out.printf(Locale.ROOT, "duration   %.2f s   %s req/s   %s tok/s%n", results.totalDuration(),
                number(metrics.requestsPerSec()), number(metrics.tokensPerSec()));
        out.printf(Locale.ROOT, "latency    mean %s   p50 %s   p95 %s   p99 %s  (s)%n", number(metrics.meanLatency()),
                number(metrics.p50Latency()), number(metrics.p95Latency()), number(metrics.p99Latency()));
        ServingFigures serving = results.serving();
        if (serving.ttft().mean() != null) {
            distribution("ttft", serving.ttft());
            distribution("tpot", serving.tpot());
            distribution("itl", serving.itl());
        }
        if (serving.slo().requestGoodput() != null) {
            out.printf(Locale.ROOT, "goodput    %s req/s, %s%% of requests met the SLO%n", number(serving.slo().requestGoodput()),
                    number(serving.slo().attainmentPct()));
        }
        RunResults.EndReasons reasons = results.reasons();
        if (reasons.interrupted() != null) {
            out.println("interrupted " + reasons.interrupted());
        }
        if (reasons.stopped() != null) {
            out.println("stopped    " + reasons.stopped());
        }
        if (reasons.failed() != null) {
            out.println("failed     " + reasons.failed());
        }
        Map<String, AdapterStats> adapters = results.adapterStats();
        if (!adapters.isEmpty()) {
            int width = Math.max(7, adapters.keySet().stream().mapToInt(String::length).max().orElse(7));
            out.printf(Locale.ROOT, "%-" + width + "s %7s %7s %7s %10s %10s%n", "adapter", "count", "ok", "failed", "avg s", "p95 s");
            adapters.forEach((name, stats) -> out.printf(Locale.ROOT, "%-" + width + "s %7d %7d %7d %10s %10s%n", name,
                    stats.count(), stats.successful(), stats.failed(), number(stats.avgLatency()), number(stats.p95Latency())));
        }
        out.println("results    " + outcome.folder());
    }

    private void distribution(String metric, Distribution figures) {
        out.printf(Locale.ROOT, "%-10s mean %s   p50 %s   p99 %s  (ms)%n", metric, number(figures.mean()),
                number(figures.p50()), number(figures.p99()));
    }

    private static String number(Double value) {
        return value != null ? String.format(Locale.ROOT, "%.3f", value) : "-";
    }
}
