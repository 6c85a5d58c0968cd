package dev.multilora.report.plots;

import java.math.BigDecimal;
import java.math.MathContext;

/** Seconds for axis labels: three significant digits whatever the scale, so 0.0123 and 12.3 both read well. */
final class SecondsFormat {
    private static final MathContext THREE_DIGITS = new MathContext(3);

    private SecondsFormat() {
    }

    static String of(double seconds) {
        return new BigDecimal(seconds).round(THREE_DIGITS).stripTrailingZeros().toPlainString();
    }
}
