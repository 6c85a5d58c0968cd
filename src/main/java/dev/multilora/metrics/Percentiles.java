package dev.multilora.metrics;

import java.util.Arrays;
import java.util.Collection;

/**
 * Exact percentiles over all samples, interpolating linearly between the closest ranks: numpy's
 * default method, so figures can be checked with numpy.percentile.
 */
public final class Percentiles {
    private final double[] sorted;

    public Percentiles(Collection<Double> samples) {
        this.sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private Percentiles(double[] sorted) {
        this.sorted = sorted;
    }

    /** Over samples already unboxed, which a large run's figures are kept as; the array is left as it is. */
    public static Percentiles of(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted);
    }

    public boolean isEmpty() {
        return sorted.length == 0;
    }

    /** The p-th percentile (0..100), or null without samples. */
    public Double percentile(double p) {
        if (sorted.length == 0) {
            return null;
        }
        double rank = p / 100.0 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = rank - below;
        return sorted[below] + (sorted[above] - sorted[below]) * fraction;
    }

    public Double mean() {
        return sorted.length == 0 ? null : Arrays.stream(sorted).sum() / sorted.length;
    }

    /** Population standard deviation (numpy.std's default, as vLLM's benchmark reports it). */
    public Double std() {
        if (sorted.length == 0) {
            return null;
        }
        double mean = mean();
        return Math.sqrt(Arrays.stream(sorted).map(x -> (x - mean) * (x - mean)).sum() / sorted.length);
    }
}
