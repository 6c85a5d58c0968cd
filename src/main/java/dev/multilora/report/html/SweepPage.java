package dev.multilora.report.html;

import java.util.List;

/**
 * sweep.html: a sweep on one page, self-contained like report.html: how it ended, one row per run
 * (each linked to its own report.html), the capacity table of a search, and the sweep's plots.
 */
public final class SweepPage {
    /** Text cells under their headers; in {@code runs}, the first cell of a row is the run's folder name. */
    public record Table(List<String> headers, List<List<String>> rows) {
    }

    private final String stylesheet = Html.stylesheet();

    /**
     * @param facts    lines under the title: status, base config, dataset
     * @param capacity the search's table; null for a sweep without one
     * @param plots    relative to the page
     */
    public String render(String name, List<String> facts, Table runs, Table capacity, List<String> plots) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>multilora-bench sweep ").append(Html.escape(name)).append("</title>\n")
                .append("<style>\n").append(stylesheet).append("</style>\n</head>\n<body>\n")
                .append("<h1>multilora-bench sweep ").append(Html.escape(name)).append("</h1>\n");
        facts.forEach(fact -> page.append("<p class=\"meta\">").append(Html.escape(fact)).append("</p>\n"));
        if (capacity != null) {
            page.append(Html.section("Capacity", Html.table(capacity.headers(), capacity.rows(), true)));
        }
        page.append(Html.section("Runs", runs.rows().isEmpty() ? Html.paragraph("No run ended.") : runTable(runs)));
        page.append(Html.section("Plots", Html.plots(plots, plot -> plot, "No plot: no run completed.")));
        return page.append("</body>\n</html>\n").toString();
    }

    private static String runTable(Table runs) {
        StringBuilder table = new StringBuilder("<table class=\"numeric\">\n<thead><tr>");
        runs.headers().forEach(header -> table.append("<th>").append(Html.escape(header)).append("</th>"));
        table.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : runs.rows()) {
            table.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String cell = Html.escape(row.get(i));
                table.append("<td>").append(i == 0 && !row.get(i).isEmpty()
                        ? "<a href=\"" + cell + "/report.html\">" + cell + "</a>" : cell).append("</td>");
            }
            table.append("</tr>\n");
        }
        return table.append("</tbody>\n</table>\n").toString();
    }
}
