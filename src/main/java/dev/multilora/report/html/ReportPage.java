package dev.multilora.report.html;

import dev.multilora.metrics.RequestRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * report.html: one self-contained page per run, rendered from the same results map as results.json
 * and the same records as results.csv. Styles are inline and pictures are files beside it, so the
 * folder opens offline and can be archived or mailed as a whole. No script: nothing to trust.
 */
public final class ReportPage {
    private final String stylesheet = readStylesheet();

    /**
     * @param plots the plot files written for this run, relative to the run folder, in display order
     */
    public String render(Map<String, Object> results, List<RequestRecord> records, List<String> plots) {
        String dataset = String.valueOf(results.get("dataset"));
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>" + Html.escape("multilora-bench: " + dataset) + "</title>\n"
                + "<style>\n" + stylesheet + "</style>\n</head>\n<body>\n"
                + "<h1>multilora-bench run report</h1>\n"
                + "<p class=\"meta\">" + Html.escape(dataset) + " &middot; started " + Html.escape(results.get("timestamp"))
                + " &middot; adapter assignment: " + Html.escape(section(results, "adapter_assignment").get("mode")) + "</p>\n"
                + Html.section("Summary", summary(results))
                + Html.section("Compared with the previous run", comparison(section(results, "comparison")))
                + Html.section("Per adapter", adapters(section(results, "adapter_stats")))
                + Html.section("Plots", plots(plots))
                + Html.section("Server metrics", serverMetrics(section(results, "server_metrics")))
                + Html.section("Errors", errors(records))
                + Html.section("Excluded adapters", excluded(results))
                + Html.section("Effective configuration", config(section(results, "config")))
                + "</body>\n</html>\n";
    }

    private static String summary(Map<String, Object> results) {
        Map<String, Object> metrics = section(results, "metrics");
        List<List<String>> rows = new ArrayList<>(List.of(
                List.of("Total requests", Figures.count(results.get("total_requests"))),
                List.of("Successful requests", Figures.count(results.get("successful_requests"))),
                List.of("Failed requests", Figures.count(results.get("failed_requests"))),
                List.of("Invalid dataset lines", Figures.count(results.get("invalid_lines"))),
                List.of("Duration (s)", Figures.seconds(results.get("total_duration"))),
                List.of("Mean latency (s)", Figures.seconds(metrics.get("mean_latency"))),
                List.of("p50 latency (s)", Figures.seconds(metrics.get("p50_latency"))),
                List.of("p95 latency (s)", Figures.seconds(metrics.get("p95_latency"))),
                List.of("p99 latency (s)", Figures.seconds(metrics.get("p99_latency"))),
                List.of("Requests per second", Figures.rate(metrics.get("requests_per_sec"))),
                List.of("Generated tokens per second", Figures.rate(metrics.get("tokens_per_sec")))));
        for (String metric : List.of("ttft", "tpot", "itl")) {
            if (results.get("mean_" + metric + "_ms") != null) {
                rows.add(List.of(metric.toUpperCase(java.util.Locale.ROOT) + " mean / p50 / p99 (ms)",
                        Figures.rate(results.get("mean_" + metric + "_ms")) + " / " + Figures.rate(results.get("p50_" + metric + "_ms"))
                                + " / " + Figures.rate(results.get("p99_" + metric + "_ms"))));
            }
        }
        if (results.get("request_goodput") != null) {
            rows.add(List.of("Goodput (req/s) / SLO attainment (%)", Figures.rate(results.get("request_goodput")) + " / "
                    + Figures.rate(results.get("slo_attainment_pct"))));
        }
        return Html.table(List.of("figure", "value"), rows, true)
                + "<p class=\"note\">Latencies are over successful requests; failures include invalid lines.</p>\n";
    }

    private static String comparison(Map<String, Object> comparison) {
        if (comparison.get("previous_run") == null) {
            return Html.paragraph(comparison.isEmpty() ? "No comparison." : String.valueOf(comparison.get("reason")));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Object change : comparison.get("changes") instanceof List<?> list ? list : List.of()) {
            Map<String, Object> entry = asMap(change);
            rows.add(List.of(String.valueOf(entry.get("metric")), Figures.rate(entry.get("previous")),
                    Figures.rate(entry.get("current")), Figures.rate(entry.get("change_pct")),
                    Boolean.TRUE.equals(entry.get("flagged")) ? "WORSE beyond " + Figures.rate(entry.get("threshold_pct")) + "%" : ""));
        }
        return Html.paragraph("Against " + comparison.get("previous_run") + " (started " + comparison.get("previous_timestamp")
                        + "), the latest completed run of the same dataset and config.")
                + Html.table(List.of("figure", "previous", "this run", "change (%)", "flag"), rows, true);
    }

    private static String serverMetrics(Map<String, Object> server) {
        if (!Boolean.TRUE.equals(server.get("available"))) {
            return Html.paragraph("The server's /metrics could not be read: " + server.getOrDefault("reason", "not scraped") + ".");
        }
        List<List<String>> rows = List.of(
                List.of("Prompt tokens", Figures.count(server.get("client_prompt_tokens")), Figures.count(server.get("prompt_tokens_delta"))),
                List.of("Generated tokens", Figures.count(server.get("client_output_tokens")), Figures.count(server.get("generation_tokens_delta"))));
        return Html.table(List.of("tokens", "client (usage)", "server (/metrics delta)"), rows, true)
                + Html.paragraph(Figures.count(server.get("samples")) + " scrapes; the series is in server_metrics.csv.");
    }

    private static String adapters(Map<String, Object> stats) {
        if (stats.isEmpty()) {
            return Html.paragraph("No measured request.");
        }
        List<List<String>> rows = new ArrayList<>();
        stats.forEach((adapter, value) -> {
            Map<String, Object> entry = asMap(value);
            rows.add(List.of(adapter, Figures.count(entry.get("count")), Figures.count(entry.get("successful")),
                    Figures.count(entry.get("failed")), Figures.seconds(entry.get("avg_latency")),
                    Figures.seconds(entry.get("p95_latency"))));
        });
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

    private static String excluded(Map<String, Object> results) {
        List<?> excluded = results.get("excluded_adapters") instanceof List<?> list ? list : List.of();
        if (excluded.isEmpty()) {
            return Html.paragraph("None: every adapter found could be served.");
        }
        List<List<String>> rows = excluded.stream().map(ReportPage::asMap)
                .map(e -> List.of(String.valueOf(e.get("name")), String.valueOf(e.get("reason")))).toList();
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

    private static Map<String, Object> section(Map<String, Object> results, String key) {
        return results.get(key) instanceof Map<?, ?> ? asMap(results.get(key)) : Map.of();
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
