package dev.multilora.report.html;

import java.util.List;

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
}
