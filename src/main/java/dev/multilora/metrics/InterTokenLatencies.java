package dev.multilora.metrics;

import dev.multilora.results.Distribution;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * The gaps between successive content events of every measured stream in a run: vLLM's ITL,
 * overall and per adapter. A run has about as many gaps as output tokens, too many to keep one by
 * one, so each adapter's go into an HdrHistogram at three significant digits: each percentile is
 * within 0.1% of the exact value. The means and standard deviations are exact, from running sums.
 */
public final class InterTokenLatencies {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Map<String, Gaps> byAdapter = new ConcurrentHashMap<>();

    /** Records the gaps between the first {@code count} event times of one stream of this adapter, in monotonic nanoseconds. */
    public void record(String adapter, long[] eventNanos, int count) {
        byAdapter.computeIfAbsent(adapter, name -> new Gaps()).record(eventNanos, count);
    }

    public long count() {
        return byAdapter.values().stream().mapToLong(Gaps::count).sum();
    }

    /** vLLM's ITL figures over every stream, in milliseconds; all null without gaps. */
    public Distribution figures() {
        Gaps all = new Gaps();
        byAdapter.values().forEach(all::add);
        return all.figures();
    }

    /** The ITL figures of one adapter's streams, in milliseconds; all null when it had no gaps. */
    public Distribution figures(String adapter) {
        Gaps gaps = byAdapter.get(adapter);
        return gaps == null ? new Gaps().figures() : gaps.figures();
    }

    /** Each adapter's gaps, by adapter name: a snapshot, for plotting the distributions. */
    public SortedMap<String, Histogram> histograms() {
        SortedMap<String, Histogram> copies = new TreeMap<>();
        byAdapter.forEach((adapter, gaps) -> copies.put(adapter, gaps.histogram()));
        return copies;
    }

    private static final class Gaps {
        private final Histogram nanos = new Histogram(SIGNIFICANT_DIGITS);
        private double sumSeconds;
        private double sumSquares;

        synchronized void record(long[] eventNanos, int count) {
            for (int i = 1; i < count; i++) {
                long gap = Math.max(0, eventNanos[i] - eventNanos[i - 1]);
                nanos.recordValue(gap);
                double seconds = gap / 1e9;
                sumSeconds += seconds;
                sumSquares += seconds * seconds;
            }
        }

        synchronized void add(Gaps other) {
            synchronized (other) {
                nanos.add(other.nanos);
                sumSeconds += other.sumSeconds;
                sumSquares += other.sumSquares;
            }
        }

        synchronized long count() {
            return nanos.getTotalCount();
        }

        synchronized Histogram histogram() {
            return nanos.copy();
        }

        synchronized Distribution figures() {
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
}
