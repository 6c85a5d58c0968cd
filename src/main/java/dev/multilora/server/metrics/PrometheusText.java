package dev.multilora.server.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format as vLLM's prometheus_client writes it: one sample a
 * line, {@code name{label="value",...} value [timestamp]}. Comments (# HELP, # TYPE) and blank lines
 * are skipped; a line that does not parse is skipped too, since one odd metric must not cost the rest.
 */
public final class PrometheusText {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                samples.add(sample(trimmed));
            } catch (IllegalArgumentException e) {
                // A malformed line is one metric lost, not the whole scrape.
            }
        }
        return samples;
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("no value: " + line);
        }
        if (brace < 0 || brace > space) {
            return new Sample(line.substring(0, space), Map.of(), value(line.substring(space + 1)));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int end = labels(line, brace + 1, labels);
        return new Sample(line.substring(0, brace), labels, value(line.substring(end + 1)));
    }

    /** Reads {@code a="x",b="y"} from {@code start}; returns the index of the closing brace. */
    private static int labels(String line, int start, Map<String, String> into) {
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int equals = line.indexOf('=', i);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("bad label at " + i + ": " + line);
            }
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            // Label values may hold commas, braces and escaped quotes: read up to the unescaped quote.
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char v = line.charAt(j);
                if (v == '\\' && j + 1 < line.length()) {
                    char escaped = line.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(v);
                }
            }
            if (j >= line.length()) {
                throw new IllegalArgumentException("unterminated label value: " + line);
            }
            into.put(line.substring(i, equals).strip(), value.toString());
            i = j + 1;
        }
        throw new IllegalArgumentException("no closing brace: " + line);
    }

    /** The value, ignoring the optional timestamp after it; NaN and +Inf as Prometheus spells them. */
    private static double value(String rest) {
        String number = rest.strip().split("\\s+")[0];
        return switch (number) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(number);
        };
    }
}
