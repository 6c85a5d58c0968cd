package dev.multilora.report.html;

import dev.multilora.metrics.RequestRecord;
import dev.multilora.results.AdapterColdStart;
import dev.multilora.results.AdapterServing;
import dev.multilora.results.AdapterStats;
import dev.multilora.results.ColdStartFigures;
import dev.multilora.report.compare.RunsComparison;
import dev.multilora.results.Comparison;
import dev.multilora.results.Distribution;
import dev.multilora.results.Fairness;
import dev.multilora.results.Pacing;
import dev.multilora.results.RequestCounts;
import dev.multilora.results.RunResults;
import dev.multilora.results.ServerMetricsFigures;
import dev.multilora.results.ServingFigures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * report.html: one self-contained page per run, rendered from the same results as results.json
 * and the same records as results.csv. Styles are inline and pictures are files beside it, so the
 * folder opens offline and can be archived or mailed as a whole. No script: nothing to trust.
 */
public final class ReportPage {
    private final String stylesheet = Html.stylesheet();

    /**
     * This run beside the previous comparable one, as `compare` shows runs.
     *
     * @param page the full comparison.html, relative to the run folder
     */
    public record PreviousRun(RunsComparison figures, String page) {
    }

    /**
     * @param plots the plot files written for this run, relative to the run folder, in display order
     * @param previousRun this run beside the previous comparable one; null when no such comparison was written
     */
    public String render(RunResults results, List<RequestRecord> records, List<String> plots, PreviousRun previousRun) {
        String dataset = results.dataset().toString();
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape("multilora-bench: " + dataset) + "</title>\n"
                + "<style>\n" + stylesheet + "</style>\n</head>\n<body>\n"
                + "<h1>multilora-bench run report</h1>\n"
                + "<p class=\"meta\">" + Html.escape(dataset) + " &middot; started " + Html.escape(results.timestamp())
                + " &middot; adapter assignment: " + (results.randomAdapterAssignment() ? "random" : "dataset")
                + " &middot; concurrency " + results.maxConcurrency() + "</p>\n"
                + status(results)
                + glance(results)
                + Html.section("Per adapter", adapters(results))
                + (results.server().endpoints().size() > 1 ? Html.section("Per server", endpoints(results)) : "")
                + "<div class=\"columns\">\n"
                + Html.section("Adapter swaps", coldStarts(results))
                + Html.section("Fairness and the client", fairnessAndClient(results))
                + "</div>\n"
                + Html.section("Plots", Html.plots(plots, ReportPage::describe, "No plot: no request was measured."))
                + Html.section("Compared with the previous run", comparison(results.comparison(), previousRun))
                + "<div class=\"columns\">\n"
                + Html.section("Server metrics", serverMetrics(results.serverMetrics()))
                + Html.section("Errors", errors(records))
                + "</div>\n"
                + Html.section("Excluded adapters", excluded(results.excludedAdapters()))
                + Html.section("Environment", environment(results))
                + Html.section("Effective configuration", config(results.config()))
                + "</body>\n</html>\n";
    }

    /** The page of a run that measured nothing: why, where its dataset was, when. */
    public String renderError(String status, String headline, String dataset, String time) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>" + Html.escape("multilora-bench: " + dataset) + "</title>\n"
                + "<style>\n" + stylesheet + "</style>\n</head>\n<body>\n"
                + "<h1>multilora-bench run report</h1>\n"
                + "<p class=\"meta\">" + Html.escape(dataset) + " &middot; " + Html.escape(time) + "</p>\n"
                + "<p class=\"status " + Html.escape(status) + "\"><strong>" + Html.escape(status) + "</strong> &middot; "
                + Html.escape(headline) + "</p>\n"
                + Html.paragraph("Nothing was measured; error.txt and status.json beside this page say the same.")
                + "</body>\n</html>\n";
    }

    /** How the run ended, first: a run that did not complete says why before any figure. */
    private static String status(RunResults results) {
        RunResults.EndReasons reasons = results.reasons();
        String why = switch (results.status()) {
            case COMPLETED -> "every planned request was sent";
            case STOPPED -> "stopped early: " + reasons.stopped();
            case FAILED -> "failed: " + reasons.failed();
            case INTERRUPTED -> "interrupted: " + reasons.interrupted() + "; the figures cover the requests measured until then";
        };
        String status = "<p class=\"status " + results.status().label() + "\"><strong>" + Html.escape(results.status().label())
                + "</strong> &middot; " + Html.escape(why) + "</p>\n";
        List<String> ignored = results.server().ignoredArguments();
        return ignored.isEmpty() ? status : status + "<p class=\"status stopped\"><strong>not proof for a real engine</strong> &middot; "
                + "the bundled stand-in accepted arguments it does not know: " + Html.escape(String.join(" ", ignored))
                + ". A real engine may refuse them: check its --help before relying on this command line.</p>\n";
    }

    /** The figures vLLM's benchmark prints, in milliseconds, as cards across the top. */
    private static String glance(RunResults results) {
        ServingFigures serving = results.serving();
        RequestCounts counts = results.counts();
        StringBuilder cards = new StringBuilder("<div class=\"cards\">\n");
        card(cards, "requests", Figures.count(counts.successful()) + " ok",
                counts.failed() + " failed (" + results.invalidLines() + " invalid lines, " + results.notSent() + " not sent)");
        card(cards, "duration", Figures.rate(results.totalDuration()) + " s", "first request sent to last response");
        card(cards, "throughput", Figures.rate(serving.requestThroughput()) + " req/s",
                Figures.rate(serving.outputThroughput()) + " output tok/s");
        if (serving.ttft().p50() != null) {
            card(cards, "TTFT", Figures.millis(serving.ttft().p50()) + " ms", "p99 " + Figures.millis(serving.ttft().p99())
                    + " ms, mean " + Figures.millis(serving.ttft().mean()) + " ms");
            card(cards, "TPOT", Figures.millis(serving.tpot().p50()) + " ms", "p99 " + Figures.millis(serving.tpot().p99()) + " ms");
            card(cards, "ITL", Figures.millis(serving.itl().p50()) + " ms", "p99 " + Figures.millis(serving.itl().p99()) + " ms");
        }
        card(cards, "E2EL", Figures.secondsAsMillis(results.metrics().p50Latency()) + " ms",
                "p99 " + Figures.secondsAsMillis(results.metrics().p99Latency()) + " ms");
        if (serving.slo().requestGoodput() != null) {
            card(cards, "goodput", Figures.rate(serving.slo().requestGoodput()) + " req/s",
                    Figures.percent(serving.slo().attainmentPct()) + " met the SLO " + results.slo());
        }
        cards.append("</div>\n");
        return cards + meanTtftNote(results);
    }

    private static void card(StringBuilder cards, String label, String value, String detail) {
        cards.append("<div class=\"card\"><div class=\"label\">").append(Html.escape(label)).append("</div><div class=\"value\">")
                .append(Html.escape(value)).append("</div><div class=\"detail\">").append(Html.escape(detail)).append("</div></div>\n");
    }

    /** A mean far above the median is a story (adapter loads, queueing behind max_loras): say so. */
    private static String meanTtftNote(RunResults results) {
        Distribution ttft = results.serving().ttft();
        if (ttft.mean() == null || ttft.median() == null || ttft.mean() < 1.5 * ttft.median()) {
            return "";
        }
        long cold = results.coldStarts().known() ? results.coldStarts().perAdapter().size() : 0;
        String cause = cold > 0 ? cold + " cold adapter load" + (cold == 1 ? "" : "s") + " (see Adapter swaps) and the requests"
                + " queued behind them weigh on the mean" : "a few slow requests weigh on the mean (see the TTFT distribution)";
        return "<p class=\"note\">Mean TTFT (" + Figures.millis(ttft.mean()) + " ms) is well above its median ("
                + Figures.millis(ttft.median()) + " ms): " + Html.escape(cause) + ".</p>\n";
    }

    private static String adapters(RunResults results) {
        Map<String, AdapterStats> stats = results.adapterStats();
        if (stats.isEmpty()) {
            return Html.paragraph("No measured request.");
        }
        boolean streamed = results.serving().ttft().p50() != null;
        Map<String, AdapterColdStart> cold = results.coldStarts().known() ? results.coldStarts().perAdapter() : Map.of();
        List<List<String>> rows = new ArrayList<>();
        stats.forEach((adapter, entry) -> {
            AdapterServing serving = entry.serving();
            List<String> row = new ArrayList<>(List.of(adapter, Figures.count(entry.count()), Figures.count(entry.failed())));
            row.add(serving == null ? Figures.ABSENT : Figures.rate(serving.requestsPerSec()));
            if (streamed) {
                row.add(serving == null ? Figures.ABSENT : triple(serving.ttft()));
                row.add(serving == null ? Figures.ABSENT : triple(serving.tpot()));
                row.add(serving == null ? Figures.ABSENT : triple(serving.itl()));
            }
            row.add(serving == null ? Figures.ABSENT : triple(serving.e2el()));
            row.add(serving == null ? Figures.ABSENT : Figures.percent(serving.slo().attainmentPct()));
            row.add(cold.containsKey(adapter) ? Figures.millis(cold.get(adapter).coldPenaltyTtftMs()) : "");
            rows.add(row);
        });
        List<String> headers = new ArrayList<>(List.of("adapter", "requests", "failed", "req/s"));
        if (streamed) {
            headers.addAll(List.of("TTFT p50 / p95 / p99 (ms)", "TPOT p50 / p95 / p99 (ms)", "ITL p50 / p95 / p99 (ms)"));
        }
        headers.addAll(List.of("E2EL p50 / p95 / p99 (ms)", "SLO met", "cold TTFT penalty (ms)"));
        return worst(results, streamed) + Html.table(headers, rows, true);
    }

    /** A fleet's servers side by side: whether one of them served worse, or failed. */
    private static String endpoints(RunResults results) {
        List<List<String>> rows = new ArrayList<>();
        results.server().endpoints().forEach((url, stats) -> rows.add(List.of(url, Figures.count(stats.count()),
                Figures.count(stats.failed()), Figures.rate(stats.requestsPerSec()), triple(stats.ttft()), triple(stats.e2el()))));
        return Html.table(List.of("server", "requests", "failed", "req/s", "TTFT p50 / p95 / p99 (ms)", "E2EL p50 / p95 / p99 (ms)"),
                rows, true);
    }

    private static String triple(Distribution figures) {
        return Figures.millis(figures.p50()) + " / " + Figures.millis(figures.p95()) + " / " + Figures.millis(figures.p99());
    }

    /**
     * The adapter served worst (highest p95 TTFT, or E2EL without streaming) against the best one, the
     * base model beside them as the reference without LoRA, and how many adapters shared the GPU slots.
     */
    private static String worst(RunResults results, boolean streamed) {
        String metric = streamed ? "TTFT" : "E2EL";
        String baseModel = results.config().get("model") instanceof Map<?, ?> model ? String.valueOf(model.get("name")) : null;
        Map<String, Double> p95 = new LinkedHashMap<>();
        results.adapterStats().forEach((adapter, entry) -> {
            if (entry.serving() != null) {
                Double value = streamed ? entry.serving().ttft().p95() : entry.serving().e2el().p95();
                if (value != null) {
                    p95.put(adapter, value);
                }
            }
        });
        Double base = p95.remove(baseModel);
        if (p95.size() < 2) {
            return "";
        }
        Map.Entry<String, Double> worst = p95.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        Map.Entry<String, Double> best = p95.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        StringBuilder sentence = new StringBuilder("Served worst: <strong>").append(Html.escape(worst.getKey())).append("</strong>, p95 ")
                .append(metric).append(' ').append(Figures.millis(worst.getValue())).append(" ms");
        if (best.getValue() > 0) {
            sentence.append(", ").append(Figures.rate(worst.getValue() / best.getValue())).append("&times; that of ")
                    .append(Html.escape(best.getKey())).append(" (").append(Figures.millis(best.getValue())).append(" ms)");
        }
        if (base != null) {
            sentence.append("; the base model without LoRA: ").append(Figures.millis(base)).append(" ms");
        }
        sentence.append('.');
        Object configured = results.config().get("lora") instanceof Map<?, ?> lora ? lora.get("max_loras") : null;
        Object maxLoras = results.server().observedMaxLora() != null ? results.server().observedMaxLora()
                : results.server().notAppliedKeys().isEmpty() ? configured : null;
        if (maxLoras instanceof Number slots && results.adapters().size() > slots.intValue()) {
            sentence.append(' ').append(results.adapters().size()).append(" adapters shared ").append(slots)
                    .append(" GPU slots (lora.max_loras): requests for the others waited for a slot.");
        }
        return "<p class=\"headline\">" + sentence + "</p>\n";
    }

    private static String coldStarts(RunResults results) {
        ColdStartFigures cold = results.coldStarts();
        if (!cold.known()) {
            return Html.paragraph("Unknown: " + cold.basis() + ".");
        }
        if (cold.perAdapter().isEmpty()) {
            return Html.paragraph("No request paid an adapter load (" + cold.basis() + ").");
        }
        List<List<String>> rows = new ArrayList<>();
        cold.perAdapter().forEach((adapter, figures) -> rows.add(List.of(adapter, Figures.count(figures.coldRequests()),
                Figures.millis(figures.coldTtftMs()), Figures.millis(figures.warmMedianTtftMs()), Figures.millis(figures.coldPenaltyTtftMs()),
                Figures.millis(figures.serverLoadMs()))));
        return Html.table(List.of("adapter", "cold requests", "first cold TTFT (ms)", "warm median TTFT (ms)", "penalty (ms)",
                "server load (ms)"), rows, true) + "<p class=\"note\">Cold requests: " + Html.escape(cold.basis()) + ".</p>\n";
    }

    private static String fairnessAndClient(RunResults results) {
        Fairness fairness = results.fairness();
        Pacing pacing = results.pacing();
        List<List<String>> rows = List.of(
                List.of("Jain index of mean E2EL across adapters (1 = even)", Figures.rate(fairness.jainIndexMeanE2el())),
                List.of("Jain index of mean TTFT across adapters", Figures.rate(fairness.jainIndexMeanTtft())),
                List.of("p95 E2EL, worst adapter / best", Figures.rate(fairness.p95E2elMaxMinRatio())),
                List.of("scheduler slip p50 / p99 (ms): late with a slot free", Figures.millis(pacing.schedulerSlip().p50())
                        + " / " + Figures.millis(pacing.schedulerSlip().p99())),
                List.of("slot wait p50 / p99 (ms): due, all slots busy", Figures.millis(pacing.slotWait().p50())
                        + " / " + Figures.millis(pacing.slotWait().p99())),
                List.of("achieved request rate (req/s)", Figures.rate(pacing.achievedRequestRate())),
                List.of("client CPU during the requests (s)", Figures.rate(results.clientCpuSeconds())));
        return Html.table(List.of("figure", "value"), rows, true);
    }

    private static String environment(RunResults results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("server", results.server().mode() + " at " + results.server().url()
                + (Boolean.TRUE.equals(results.server().fresh()) ? ", started for this run" : "")));
        if (results.server().observedMaxLora() != null) {
            rows.add(List.of("server's max_loras (its /metrics)", results.server().observedMaxLora().toString()));
        }
        if (!results.server().notAppliedKeys().isEmpty()) {
            rows.add(List.of("config keys not applied", String.join(", ", results.server().notAppliedKeys())
                    + " (an external server runs with its own settings)"));
        }
        results.environment().forEach((key, value) -> rows.add(List.of(key, Figures.setting(value))));
        return Html.table(List.of("fact", "value"), rows, false);
    }

    private static String comparison(Comparison comparison, PreviousRun previousRun) {
        if (comparison == null) {
            return Html.paragraph("No comparison.");
        }
        if (!comparison.found()) {
            return Html.paragraph(comparison.reason());
        }
        String against = Html.paragraph("Against " + comparison.previousRun() + " (started " + comparison.previousTimestamp()
                + "), the latest completed run of the same dataset and config"
                + (comparison.flagged().isEmpty() ? "; nothing worsened beyond its threshold."
                : "; worse beyond its threshold: " + String.join(", ", comparison.flagged()) + "."));
        if (previousRun != null) {
            return against + ComparisonPage.overall(previousRun.figures())
                    + "<p><a href=\"" + Html.escape(previousRun.page())
                    + "\">Per adapter, the distributions overlaid and what changed in the configuration</a></p>\n";
        }
        List<List<String>> rows = comparison.changes().stream()
                .map(change -> List.of(change.metric(), Figures.rate(change.previous()), Figures.rate(change.current()),
                        Figures.rate(change.changePct()),
                        change.flagged() ? "WORSE beyond " + Figures.rate(change.thresholdPct()) + "%" : ""))
                .toList();
        return against + Html.paragraph("The previous run's folder is no longer beside this one: its figures from runs.jsonl.")
                + Html.table(List.of("figure", "previous", "this run", "change (%)", "flag"), rows, true);
    }

    private static String serverMetrics(ServerMetricsFigures server) {
        if (!server.available()) {
            return Html.paragraph("The server's /metrics could not be read: " + server.unavailableReason() + ".");
        }
        List<List<String>> rows = List.of(
                List.of("Prompt tokens", Figures.count(server.clientPromptTokens()), Figures.count(server.promptTokensDelta())),
                List.of("Generated tokens", Figures.count(server.clientOutputTokens()), Figures.count(server.generationTokensDelta())));
        return Html.table(List.of("tokens", "client (usage)", "server (/metrics delta)"), rows, true)
                + Html.paragraph(Figures.count(server.samples()) + " scrapes; the series is in server_metrics.csv.");
    }

    private static String errors(List<RequestRecord> records) {
        List<ErrorGroups.Group> groups = ErrorGroups.of(records);
        if (groups.isEmpty()) {
            return Html.paragraph("No request failed.");
        }
        List<List<String>> rows = groups.stream().map(g -> List.of(g.message(), Long.toString(g.count()))).toList();
        return Html.table(List.of("error", "count"), rows, false);
    }

    private static String excluded(List<RunResults.ExcludedAdapter> excluded) {
        if (excluded.isEmpty()) {
            return Html.paragraph("None: every adapter found could be served.");
        }
        List<List<String>> rows = excluded.stream().map(e -> List.of(e.name(), e.reason())).toList();
        return Html.table(List.of("adapter", "reason"), rows, false);
    }

    private static String config(Map<String, Object> config) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", config, flat);
        List<List<String>> rows = flat.entrySet().stream().map(e -> List.of(e.getKey(), Figures.setting(e.getValue()))).toList();
        return Html.table(List.of("key", "value"), rows, false);
    }

    /** Nested sections become the dotted keys the README and -D use. */
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> flat) {
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?>) {
                flatten(prefix + key + ".", asMap(value), flat);
            } else {
                flat.put(prefix + key, value);
            }
        });
    }

    /** "plots/latency_cdf.png" reads as "latency cdf". */
    private static String describe(String plot) {
        String name = plot.substring(plot.lastIndexOf('/') + 1);
        return name.replaceFirst("\\.png$", "").replace('_', ' ');
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
