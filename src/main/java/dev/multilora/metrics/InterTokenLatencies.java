package dev.multilora.metrics;

import dev.multilora.results.Distribution;
import org.HdrHistogram.Histogram;

/**
 * The gaps between successive content events of every measured stream in a run: vLLM's ITL.
 * A run has about as many gaps as output tokens, too many to keep one by one, so they go into an
 * HdrHistogram at three significant digits: each percentile is within 0.1% of the exact value.
 * The mean and standard deviation are exact, from running sums.
 */
public final class InterTokenLatencies {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram nanos = new Histogram(SIGNIFICANT_DIGITS);
    private double sumSeconds;
    private double sumSquares;

    /** Records the gaps between the first {@code count} event times of one stream, in monotonic nanoseconds. */
    public synchronized void record(long[] eventNanos, int count) {
        for (int i = 1; i < count; i++) {
            long gap = Math.max(0, eventNanos[i] - eventNanos[i - 1]);
            nanos.recordValue(gap);
            double seconds = gap / 1e9;
            sumSeconds += seconds;
            sumSquares += seconds * seconds;
        }
    }

    public synchronized long count() {
        return nanos.getTotalCount();
    }

    /** vLLM's ITL figures, in milliseconds; all null without gaps. */
    public synchronized Distribution figures() {
        long count = nanos.getTotalCount();
        Double mean = count == 0 ? null : sumSeconds / count;
        return new Distribution(mean == null ? null : mean * 1000, percentileMillis(50),
                mean == null ? null : Math.sqrt(Math.max(0, sumSquares / count - mean * mean)) * 1000,
                percentileMillis(50), percentileMillis(90), percentileMillis(95), percentileMillis(99));
    }

    private Double percentileMillis(double p) {
        return nanos.getTotalCount() == 0 ? null : nanos.getValueAtPercentile(p) / 1e6;
    }
}
