package dev.multilora.report.html;

import dev.multilora.metrics.RequestRecord;
import dev.multilora.results.AdapterStats;
import dev.multilora.results.Comparison;
import dev.multilora.results.Distribution;
import dev.multilora.results.LatencySummary;
import dev.multilora.results.RunResults;
import dev.multilora.results.ServerMetricsFigures;
import dev.multilora.results.ServingFigures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    private final String stylesheet = readStylesheet();

    /**
     * @param plots the plot files written for this run, relative to the run folder, in display order
     */
    public String render(RunResults results, List<RequestRecord> records, List<String> plots) {
        String dataset = results.dataset().toString();
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>" + Html.escape("multilora-bench: " + dataset) + "</title>\n"
                + "<style>\n" + stylesheet + "</style>\n</head>\n<body>\n"
                + "<h1>multilora-bench run report</h1>\n"
                + "<p class=\"meta\">" + Html.escape(dataset) + " &middot; started " + Html.escape(results.timestamp())
                + " &middot; adapter assignment: " + (results.randomAdapterAssignment() ? "random" : "dataset") + "</p>\n"
                + Html.section("Summary", summary(results))
                + Html.section("Compared with the previous run", comparison(results.comparison()))
                + Html.section("Per adapter", adapters(results.adapterStats()))
                + Html.section("Plots", plots(plots))
                + Html.section("Server metrics", serverMetrics(results.serverMetrics()))
                + Html.section("Errors", errors(records))
                + Html.section("Excluded adapters", excluded(results.excludedAdapters()))
                + Html.section("Effective configuration", config(results.config()))
                + "</body>\n</html>\n";
    }

    private static String summary(RunResults results) {
        LatencySummary metrics = results.metrics();
        List<List<String>> rows = new ArrayList<>(List.of(
                List.of("Total requests", Figures.count(results.counts().total())),
                List.of("Successful requests", Figures.count(results.counts().successful())),
                List.of("Failed requests", Figures.count(results.counts().failed())),
                List.of("Invalid dataset lines", Figures.count(results.invalidLines())),
                List.of("Duration (s)", Figures.seconds(results.totalDuration())),
                List.of("Mean latency (s)", Figures.seconds(metrics.meanLatency())),
                List.of("p50 latency (s)", Figures.seconds(metrics.p50Latency())),
                List.of("p95 latency (s)", Figures.seconds(metrics.p95Latency())),
                List.of("p99 latency (s)", Figures.seconds(metrics.p99Latency())),
                List.of("Requests per second", Figures.rate(metrics.requestsPerSec())),
                List.of("Generated tokens per second", Figures.rate(metrics.tokensPerSec()))));
        ServingFigures serving = results.serving();
        distributionRow(rows, "TTFT", serving.ttft());
        distributionRow(rows, "TPOT", serving.tpot());
        distributionRow(rows, "ITL", serving.itl());
        if (serving.slo().requestGoodput() != null) {
            rows.add(List.of("Goodput (req/s) / SLO attainment (%)", Figures.rate(serving.slo().requestGoodput()) + " / "
                    + Figures.rate(serving.slo().attainmentPct())));
        }
        return Html.table(List.of("figure", "value"), rows, true)
                + "<p class=\"note\">Latencies are over successful requests; failures include invalid lines.</p>\n";
    }

    private static void distributionRow(List<List<String>> rows, String metric, Distribution figures) {
        if (figures.mean() != null) {
            rows.add(List.of(metric + " mean / p50 / p99 (ms)",
                    Figures.rate(figures.mean()) + " / " + Figures.rate(figures.p50()) + " / " + Figures.rate(figures.p99())));
        }
    }

    private static String comparison(Comparison comparison) {
        if (comparison == null) {
            return Html.paragraph("No comparison.");
        }
        if (!comparison.found()) {
            return Html.paragraph(comparison.reason());
        }
        List<List<String>> rows = comparison.changes().stream()
                .map(change -> List.of(change.metric(), Figures.rate(change.previous()), Figures.rate(change.current()),
                        Figures.rate(change.changePct()),
                        change.flagged() ? "WORSE beyond " + Figures.rate(change.thresholdPct()) + "%" : ""))
                .toList();
        return Html.paragraph("Against " + comparison.previousRun() + " (started " + comparison.previousTimestamp()
                        + "), the latest completed run of the same dataset and config.")
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

    private static String adapters(Map<String, AdapterStats> stats) {
        if (stats.isEmpty()) {
            return Html.paragraph("No measured request.");
        }
        List<List<String>> rows = new ArrayList<>();
        stats.forEach((adapter, entry) -> rows.add(List.of(adapter, Figures.count(entry.count()), Figures.count(entry.successful()),
                Figures.count(entry.failed()), Figures.seconds(entry.avgLatency()), Figures.seconds(entry.p95Latency()))));
        return Html.table(List.of("adapter", "requests", "successful", "failed", "avg latency (s)", "p95 latency (s)"), rows, true);
    }

    private static String plots(List<String> plots) {
        if (plots.isEmpty()) {
            return Html.paragraph("No plot: no request was measured.");
        }
        StringBuilder figures = new StringBuilder("<div class=\"plots\">\n");
        for (String plot : plots) {
            figures.append("<figure><img src=\"").append(Html.escape(plot)).append("\" alt=\"")
                    .append(Html.escape(describe(plot))).append("\"></figure>\n");
        }
        return figures.append("</div>\n").toString();
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

    private static String readStylesheet() {
        try (InputStream css = ReportPage.class.getResourceAsStream("report.css")) {
            return new String(css.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report stylesheet", e);
        }
    }
}
