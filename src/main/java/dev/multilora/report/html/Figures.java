package dev.multilora.report.html;

import java.util.Locale;

/** results.json's values as a reader wants them: rounded for the eye, "n/a" when absent. Units go in the labels. */
final class Figures {
    static final String ABSENT = "n/a";

    private Figures() {
    }

    static String count(Object value) {
        return value == null ? ABSENT : value.toString();
    }

    /** Four decimals: a tenth of a millisecond, finer than a benchmark over the network can resolve. */
    static String seconds(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : ABSENT;
    }

    /** A latency held in seconds (API.md's keys), shown in milliseconds like every latency of the page. */
    static String secondsAsMillis(Double seconds) {
        return seconds == null ? ABSENT : millis(seconds * 1000);
    }

    /** Milliseconds: one decimal below 100 ms, whole milliseconds above. */
    static String millis(Double value) {
        if (value == null) {
            return ABSENT;
        }
        return String.format(Locale.ROOT, Math.abs(value) < 100 ? "%.1f" : "%.0f", value);
    }

    static String percent(Double value) {
        return value == null ? ABSENT : String.format(Locale.ROOT, "%.1f%%", value);
    }

    static String rate(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.2f", n.doubleValue()) : ABSENT;
    }

    static String setting(Object value) {
        return value == null ? "(unset)" : value.toString();
    }
}
