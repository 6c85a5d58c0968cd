package dev.multilora.report.html;

import dev.multilora.report.compare.RunsComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * comparison.html: runs side by side, overall and per adapter, each figure with its change against
 * the first run (green when better, red when worse), the distributions overlaid, and what changed
 * in the configuration. Self-contained like report.html.
 */
public final class ComparisonPage {
    private final String stylesheet = Html.stylesheet();

    /** @param plots the overlay plots, relative to the page */
    public String render(RunsComparison comparison, List<String> plots) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>multilora-bench: comparison of ").append(comparison.runs().size()).append(" runs</title>\n")
                .append("<style>\n").append(stylesheet).append("</style>\n</head>\n<body>\n")
                .append("<h1>multilora-bench run comparison</h1>\n<p class=\"meta\">");
        for (int i = 0; i < comparison.runs().size(); i++) {
            page.append(i == 0 ? "baseline " : " &middot; ").append(Html.escape(comparison.runs().get(i)))
                    .append(" (").append(Html.escape(comparison.statuses().get(i))).append(')');
        }
        page.append("</p>\n<p class=\"note\">Changes are against the first run; green is better, red is worse.</p>\n");
        page.append(Html.section("Overall", overall(comparison)));
        page.append(Html.section("Per adapter", perAdapter(comparison)));
        page.append(Html.section("Distributions", Html.plots(plots, plot -> plot, "No successful request in these runs to draw.")));
        page.append(Html.section("What changed in the configuration", config(comparison)));
        return page.append("</body>\n</html>\n").toString();
    }

    /** The overall figures of the runs side by side, each with its change against the first. */
    public static String overall(RunsComparison comparison) {
        return figures("figure", comparison.runs(), comparison.overall());
    }

    private static String figures(String rowHeader, List<String> runs, List<RunsComparison.Figure> figures) {
        StringBuilder table = new StringBuilder("<table class=\"numeric\">\n<thead><tr><th>").append(Html.escape(rowHeader)).append("</th>");
        runs.forEach(run -> table.append("<th>").append(Html.escape(run)).append("</th>"));
        table.append("</tr></thead>\n<tbody>\n");
        for (RunsComparison.Figure figure : figures) {
            table.append("<tr><td>").append(Html.escape(figure.label())).append("</td>");
            for (int i = 0; i < runs.size(); i++) {
                table.append("<td>").append(Html.escape(number(figure.values().get(i)))).append(change(figure, i)).append("</td>");
            }
            table.append("</tr>\n");
        }
        return table.append("</tbody>\n</table>\n").toString();
    }

    /** Counts as whole numbers, the rest with two decimals. */
    private static String number(Double value) {
        return value != null && value == Math.rint(value) && Math.abs(value) < 1e12 ? String.format(Locale.ROOT, "%.0f", value)
                : Figures.rate(value);
    }

    private static String change(RunsComparison.Figure figure, int run) {
        Double pct = figure.changePct().get(run);
        if (pct == null) {
            return "";
        }
        boolean better = figure.higherIsBetter() ? pct > 0 : pct < 0;
        String tone = Math.abs(pct) < 0.05 ? "same" : better ? "better" : "worse";
        return " <span class=\"" + tone + "\">(" + String.format(Locale.ROOT, "%+.1f%%", pct) + ")</span>";
    }

    /** One table per figure, a row per adapter: which adapter moved is read down a column. */
    private static String perAdapter(RunsComparison comparison) {
        if (comparison.perAdapter().isEmpty()) {
            return Html.paragraph("No adapter was measured.");
        }
        List<String> labels = comparison.perAdapter().values().iterator().next().stream().map(RunsComparison.Figure::label).toList();
        StringBuilder tables = new StringBuilder("<div class=\"columns\">\n");
        IntStream.range(0, labels.size()).forEach(index -> {
            List<RunsComparison.Figure> rows = new ArrayList<>();
            for (Map.Entry<String, List<RunsComparison.Figure>> adapter : comparison.perAdapter().entrySet()) {
                RunsComparison.Figure figure = adapter.getValue().get(index);
                rows.add(new RunsComparison.Figure(figure.key(), adapter.getKey(), figure.values(), figure.changePct(), figure.higherIsBetter()));
            }
            tables.append("<div><h3>").append(Html.escape(labels.get(index))).append("</h3>\n")
                    .append(figures("adapter", comparison.runs(), rows)).append("</div>\n");
        });
        return tables.append("</div>\n").toString();
    }

    private static String config(RunsComparison comparison) {
        if (comparison.configChanges().isEmpty()) {
            return Html.paragraph("Nothing: the runs had the same configuration.");
        }
        List<String> headers = new ArrayList<>(List.of("key"));
        headers.addAll(comparison.runs());
        List<List<String>> rows = new ArrayList<>();
        comparison.configChanges().forEach((key, values) -> {
            List<String> row = new ArrayList<>(List.of(key));
            values.forEach(value -> row.add(Figures.setting(value)));
            rows.add(row);
        });
        return Html.table(headers, rows, false);
    }
}
