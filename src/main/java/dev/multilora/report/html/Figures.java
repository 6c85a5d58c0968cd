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

    static String rate(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.2f", n.doubleValue()) : ABSENT;
    }

    static String setting(Object value) {
        return value == null ? "(unset)" : value.toString();
    }
}
