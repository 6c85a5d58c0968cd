package dev.multilora.report.plots;

import dev.multilora.metrics.RequestRecord;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;

/**
 * When each successful request was in flight, in seconds since the run's first request was sent.
 * A failed request has no latency, so when it ended is unknown: it is left out rather than guessed.
 */
final class RunTimeline {
    /** Ascending, each on its own: in-flight counts need only how many started and ended by each moment. */
    private final double[] starts;
    private final double[] ends;

    private RunTimeline(double[] starts, double[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    boolean isEmpty() {
        return starts.length == 0;
    }

    /** The end of the last request, in seconds since the first was sent. */
    double length() {
        return isEmpty() ? 0 : ends[ends.length - 1];
    }

    /** Completions per bucket of the given width: element i counts those ending in [i, i + 1) buckets. */
    int[] completions(double bucketSeconds) {
        int[] completions = new int[(int) Math.floor(length() / bucketSeconds) + 1];
        for (double end : ends) {
            completions[(int) Math.floor(end / bucketSeconds)]++;
        }
        return completions;
    }

    /**
     * Requests in flight as a step function: from times[i] on, counts[i] requests are in flight.
     * At equal times ends count before starts, so a slot handed straight to the next request is
     * not shown as one more in flight.
     */
    Steps inFlight() {
        double[] times = new double[starts.length + ends.length];
        int[] counts = new int[times.length];
        int steps = 0;
        int inFlight = 0;
        int started = 0;
        int ended = 0;
        while (ended < ends.length) {
            double time;
            if (started < starts.length && starts[started] < ends[ended]) {
                time = starts[started++];
                inFlight++;
            } else {
                time = ends[ended++];
                inFlight--;
            }
            if (steps > 0 && times[steps - 1] == time) {
                counts[steps - 1] = inFlight;
            } else {
                times[steps] = time;
                counts[steps++] = inFlight;
            }
        }
        return new Steps(Arrays.copyOf(times, steps), Arrays.copyOf(counts, steps));
    }

    record Steps(double[] times, int[] counts) {

        int size() {
            return times.length;
        }

        int max() {
            return Arrays.stream(counts).max().orElse(0);
        }
    }

    /** Collects the spans from records in any order; time zero is the earliest send, failures included. */
    static final class Builder {
        private final LongStream.Builder startNanos = LongStream.builder();
        private final DoubleStream.Builder latencies = DoubleStream.builder();
        private OffsetDateTime anchor;
        private long firstSentNanos = Long.MAX_VALUE;

        void add(RequestRecord record) {
            if (record.startedAt() == null) {
                return;
            }
            if (anchor == null) {
                anchor = record.startedAt();
            }
            long sentNanos = Duration.between(anchor, record.startedAt()).toNanos();
            firstSentNanos = Math.min(firstSentNanos, sentNanos);
            if (record.succeeded() && record.latencySeconds() != null) {
                startNanos.add(sentNanos);
                latencies.add(record.latencySeconds());
            }
        }

        RunTimeline build() {
            long[] sent = startNanos.build().toArray();
            double[] latency = latencies.build().toArray();
            double[] starts = new double[sent.length];
            double[] ends = new double[sent.length];
            for (int i = 0; i < sent.length; i++) {
                starts[i] = (sent[i] - firstSentNanos) / 1e9;
                ends[i] = starts[i] + latency[i];
            }
            Arrays.sort(starts);
            Arrays.sort(ends);
            return new RunTimeline(starts, ends);
        }
    }
}
