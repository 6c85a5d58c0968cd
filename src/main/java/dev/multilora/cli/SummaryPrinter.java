package dev.multilora.cli;

import dev.multilora.results.AdapterColdStart;
import dev.multilora.results.AdapterStats;
import dev.multilora.results.Distribution;
import dev.multilora.results.RunResults;
import dev.multilora.results.ServingFigures;
import dev.multilora.run.RunOutcome;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What `bench` prints on stdout when a run ends: vLLM's result block (the same figures, names and
 * units as `vllm bench serve`), then what only this tool measures: one line per adapter, the cold
 * starts and the fairness across adapters. Everything in milliseconds.
 */
final class SummaryPrinter {
    private static final int WIDTH = 50;
    private final PrintStream out;

    SummaryPrinter(PrintStream out) {
        this.out = out;
    }

    void print(RunOutcome outcome) {
        if (!outcome.hasResults()) {
            out.println("run " + outcome.status().label() + ": " + outcome.message());
            out.println("report: " + (outcome.folder() == null ? "none (it could not be written)" : outcome.folder().resolve("error.txt")));
            return;
        }
        RunResults results = outcome.results();
        ServingFigures serving = results.serving();
        out.println(banner(" Serving Benchmark Result ", '='));
        row("Successful requests:", Long.toString(results.counts().successful()));
        row("Failed requests:", (results.counts().failed() - results.notSent()) + " (" + results.invalidLines() + " invalid lines"
                + (results.notSent() == 0 ? ")" : ", " + results.notSent() + " not sent)"));
        row("Maximum request concurrency:", Integer.toString(results.maxConcurrency()));
        row("Benchmark duration (s):", number(results.totalDuration()));
        row("Total input tokens:", Long.toString(serving.totalInputTokens()));
        row("Total generated tokens:", Long.toString(serving.totalOutputTokens()));
        row("Request throughput (req/s):", number(serving.requestThroughput()));
        if (serving.slo().requestGoodput() != null) {
            row("Request goodput (req/s):", number(serving.slo().requestGoodput()) + " (" + number(serving.slo().attainmentPct())
                    + "% met " + results.slo() + ")");
        }
        row("Output token throughput (tok/s):", number(serving.outputThroughput()));
        row("Total token throughput (tok/s):", number(serving.totalTokenThroughput()));
        if (serving.ttft().mean() != null) {
            distribution("Time to First Token", "TTFT", serving.ttft());
            distribution("Time per Output Token (excl. 1st token)", "TPOT", serving.tpot());
            distribution("Inter-token Latency", "ITL", serving.itl());
        }
        distribution("End-to-end Latency", "E2EL", serving.e2el());
        out.println("=".repeat(WIDTH));
        adapters(results);
        coldStarts(results);
        if (results.fairness().jainIndexMeanE2el() != null) {
            out.printf(Locale.ROOT, "fairness   Jain index of mean E2EL %s (1 = even), p95 E2EL worst/best adapter %s%n",
                    number(results.fairness().jainIndexMeanE2el()), number(results.fairness().p95E2elMaxMinRatio()));
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
        out.println("results    " + outcome.folder());
    }

    private void adapters(RunResults results) {
        Map<String, AdapterStats> adapters = results.adapterStats();
        if (adapters.isEmpty()) {
            return;
        }
        boolean streamed = results.serving().ttft().mean() != null;
        int width = Math.max(7, adapters.keySet().stream().mapToInt(String::length).max().orElse(7));
        String format = "%-" + width + "s %8s %7s %10s %10s %10s %10s %10s%n";
        out.printf(Locale.ROOT, format, "adapter", "requests", "failed", "TTFT p50", "TTFT p99", "TPOT p50", "E2EL p50", "E2EL p99");
        adapters.forEach((name, stats) -> {
            boolean served = stats.serving() != null;
            out.printf(Locale.ROOT, format, name, stats.count(), stats.failed(),
                    served && streamed ? number(stats.serving().ttft().p50()) : "-",
                    served && streamed ? number(stats.serving().ttft().p99()) : "-",
                    served && streamed ? number(stats.serving().tpot().p50()) : "-",
                    served ? number(stats.serving().e2el().p50()) : "-",
                    served ? number(stats.serving().e2el().p99()) : "-");
        });
        out.printf(Locale.ROOT, "%" + (width + 1) + "s(latencies in ms)%n", "");
    }

    private void coldStarts(RunResults results) {
        if (!results.coldStarts().known() || results.coldStarts().perAdapter().isEmpty()) {
            return;
        }
        StringJoiner line = new StringJoiner(", ", "cold start TTFT penalty ", "");
        for (Map.Entry<String, AdapterColdStart> adapter : results.coldStarts().perAdapter().entrySet()) {
            line.add(adapter.getKey() + " " + signed(adapter.getValue().coldPenaltyTtftMs()) + " ms");
        }
        out.println(line);
    }

    private void distribution(String title, String metric, Distribution figures) {
        out.println(banner(title, '-'));
        row("Mean " + metric + " (ms):", number(figures.mean()));
        row("Median " + metric + " (ms):", number(figures.median()));
        row("P99 " + metric + " (ms):", number(figures.p99()));
    }

    private void row(String label, String value) {
        out.printf(Locale.ROOT, "%-40s %s%n", label, value);
    }

    /** The title centred in a rule of WIDTH characters, as vLLM prints its sections. */
    private static String banner(String title, char rule) {
        int left = Math.max(0, (WIDTH - title.length()) / 2);
        int right = Math.max(0, WIDTH - title.length() - left);
        return String.valueOf(rule).repeat(left) + title + String.valueOf(rule).repeat(right);
    }

    private static String signed(Double value) {
        return value == null ? "-" : (value >= 0 ? "+" : "") + String.format(Locale.ROOT, "%.0f", value);
    }

    private static String number(Double value) {
        return value != null ? String.format(Locale.ROOT, "%.2f", value) : "-";
    }
}
