package dev.multilora.sim.engine;

import java.util.concurrent.atomic.AtomicLongArray;

/** Cumulative histogram with one writer (the engine thread) and any number of readers. */
public final class Histogram {

    private final double[] upperBounds;
    private final AtomicLongArray counts;
    private volatile double sum;
    private volatile long count;

    public Histogram(double... upperBounds) {
        this.upperBounds = upperBounds.clone();
        this.counts = new AtomicLongArray(upperBounds.length);
    }

    void observe(double value) {
        for (int i = 0; i < upperBounds.length; i++) {
            if (value <= upperBounds[i]) {
                counts.lazySet(i, counts.get(i) + 1);
            }
        }
        sum += value;
        count++;
    }

    public int buckets() {
        return upperBounds.length;
    }

    public double upperBound(int bucket) {
        return upperBounds[bucket];
    }

    /** Observations at or below the bucket's upper bound. */
    public long cumulativeCount(int bucket) {
        return counts.get(bucket);
    }

    public double sum() {
        return sum;
    }

    public long count() {
        return count;
    }
}
