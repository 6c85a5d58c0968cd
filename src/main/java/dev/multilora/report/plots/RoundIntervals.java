package dev.multilora.report.plots;

import java.util.Arrays;

/**
 * Interval widths for charts over a run's time: one second, or a wider round number of seconds
 * once a long run would have more intervals than a chart has room to tell apart.
 */
final class RoundIntervals {
    static final int MAX_INTERVALS = 600;
    private static final double[] WIDTHS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};

    private RoundIntervals() {
    }

    /** The narrowest round width that cuts [0, runSeconds] into at most {@link #MAX_INTERVALS} intervals. */
    static double widthFor(double runSeconds) {
        return Arrays.stream(WIDTHS).filter(width -> runSeconds / width < MAX_INTERVALS).findFirst()
                .orElse(Math.ceil(runSeconds / (MAX_INTERVALS - 1)));
    }
}
