package dev.multilora.cli;

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
        if (outcome.results().isEmpty()) {
            out.println((outcome.isInterrupted() ? "run interrupted: " : "run failed: ") + outcome.message());
            out.println("report: " + outcome.folder().resolve("error.txt"));
            return;
        }
        Map<String, Object> results = outcome.results();
        Map<?, ?> metrics = (Map<?, ?>) results.get("metrics");
        long notSent = results.get("not_sent_requests") instanceof Number n ? n.longValue() : 0;
        long failed = ((Number) results.get("failed_requests")).longValue() - notSent;
        out.printf(Locale.ROOT, "requests   %s total, %s successful, %d failed%s (%s invalid lines)%n",
                results.get("total_requests"), results.get("successful_requests"), failed,
                notSent == 0 ? "" : ", " + notSent + " not sent", results.get("invalid_lines"));
        out.printf(Locale.ROOT, "duration   %.2f s   %s req/s   %s tok/s%n", (Double) results.get("total_duration"),
                number(metrics.get("requests_per_sec")), number(metrics.get("tokens_per_sec")));
        out.printf(Locale.ROOT, "latency    mean %s   p50 %s   p95 %s   p99 %s  (s)%n", number(metrics.get("mean_latency")),
                number(metrics.get("p50_latency")), number(metrics.get("p95_latency")), number(metrics.get("p99_latency")));
        if (results.get("mean_ttft_ms") instanceof Number) {
            for (String metric : new String[] {"ttft", "tpot", "itl"}) {
                out.printf(Locale.ROOT, "%-10s mean %s   p50 %s   p99 %s  (ms)%n", metric, number(results.get("mean_" + metric + "_ms")),
                        number(results.get("p50_" + metric + "_ms")), number(results.get("p99_" + metric + "_ms")));
            }
        }
        if (results.get("request_goodput") instanceof Number goodput) {
            out.printf(Locale.ROOT, "goodput    %s req/s, %s%% of requests met the SLO%n", number(goodput),
                    number(results.get("slo_attainment_pct")));
        }
        if (results.get("interrupt_reason") != null) {
            out.println("interrupted " + results.get("interrupt_reason"));
        }
        if (results.get("stop_reason") != null) {
            out.println("stopped    " + results.get("stop_reason"));
        }
        if (results.get("failure_reason") != null) {
            out.println("failed     " + results.get("failure_reason"));
        }
        Map<?, ?> adapters = (Map<?, ?>) results.get("adapter_stats");
        if (!adapters.isEmpty()) {
            int width = Math.max(7, adapters.keySet().stream().mapToInt(k -> k.toString().length()).max().orElse(7));
            out.printf(Locale.ROOT, "%-" + width + "s %7s %7s %7s %10s %10s%n", "adapter", "count", "ok", "failed", "avg s", "p95 s");
            adapters.forEach((name, value) -> {
                Map<?, ?> stats = (Map<?, ?>) value;
                out.printf(Locale.ROOT, "%-" + width + "s %7s %7s %7s %10s %10s%n", name, stats.get("count"),
                        stats.get("successful"), stats.get("failed"), number(stats.get("avg_latency")), number(stats.get("p95_latency")));
            });
        }
        out.println("results    " + outcome.folder());
    }

    private static String number(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "-";
    }
}
