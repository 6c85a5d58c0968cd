package dev.multilora.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** Text made safe for an HTML page, and the few elements the report is built from. */
final class Html {
    private Html() {
    }

    /** Escapes every character that could end an element, an attribute or an entity. */
    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** A table of text cells, escaped here; columns after the first are numbers when {@code numeric}. */
    static String table(List<String> headers, List<List<String>> rows, boolean numeric) {
        StringBuilder table = new StringBuilder("<table").append(numeric ? " class=\"numeric\"" : "").append(">\n<thead><tr>");
        headers.forEach(h -> table.append("<th>").append(escape(h)).append("</th>"));
        table.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            table.append("<tr>");
            row.forEach(cell -> table.append("<td>").append(escape(cell)).append("</td>"));
            table.append("</tr>\n");
        }
        return table.append("</tbody>\n</table>\n").toString();
    }

    static String section(String title, String body) {
        return "<section>\n<h2>" + escape(title) + "</h2>\n" + body + "</section>\n";
    }

    static String paragraph(String text) {
        return "<p class=\"none\">" + escape(text) + "</p>\n";
    }

    /** The plots as a gallery, each image with its alt text; {@code none} when there is none. */
    static String plots(List<String> plots, Function<String, String> alt, String none) {
        if (plots.isEmpty()) {
            return paragraph(none);
        }
        StringBuilder figures = new StringBuilder("<div class=\"plots\">\n");
        plots.forEach(plot -> figures.append("<figure><img src=\"").append(escape(plot)).append("\" alt=\"")
                .append(escape(alt.apply(plot))).append("\"></figure>\n"));
        return figures.append("</div>\n").toString();
    }

    /** report.css, which every page carries inline, so a page is one self-contained file. */
    static String stylesheet() {
        try (InputStream css = Html.class.getResourceAsStream("report.css")) {
            return new String(css.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report stylesheet", e);
        }
    }
}
