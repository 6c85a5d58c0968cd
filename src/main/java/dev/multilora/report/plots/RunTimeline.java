package dev.multilora.report.plots;

import dev.multilora.metrics.RequestRecord;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * When each successful request was in flight, in seconds since the run's first request was sent.
 * A failed request has no latency, so when it ended is unknown: it is left out rather than guessed.
 */
final class RunTimeline {
    private final List<Span> spans;

    private RunTimeline(List<Span> spans) {
        this.spans = spans;
    }

    static RunTimeline of(List<RequestRecord> records) {
        OffsetDateTime firstSent = records.stream().map(RequestRecord::startedAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        List<Span> spans = new ArrayList<>();
        for (RequestRecord record : records) {
            if (record.succeeded() && record.startedAt() != null && record.latencySeconds() != null) {
                double start = Duration.between(firstSent, record.startedAt()).toNanos() / 1e9;
                spans.add(new Span(start, start + record.latencySeconds()));
            }
        }
        return new RunTimeline(spans);
    }

    boolean isEmpty() {
        return spans.isEmpty();
    }

    /** Completions in each whole second of the run: element i counts those ending in [i, i + 1). */
    int[] completionsPerSecond() {
        int seconds = (int) Math.floor(spans.stream().mapToDouble(Span::end).max().orElse(0)) + 1;
        int[] completions = new int[seconds];
        for (Span span : spans) {
            completions[(int) Math.floor(span.end())]++;
        }
        return completions;
    }

    /**
     * Requests in flight as a step function: from times[i] on, counts[i] requests are in flight.
     * At equal times ends count before starts, so a slot handed straight to the next request is
     * not shown as one more in flight.
     */
    Steps inFlight() {
        List<double[]> events = new ArrayList<>();
        for (Span span : spans) {
            events.add(new double[] {span.start(), +1});
            events.add(new double[] {span.end(), -1});
        }
        events.sort(Comparator.<double[]>comparingDouble(e -> e[0]).thenComparingDouble(e -> e[1]));
        List<Double> times = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        int inFlight = 0;
        for (double[] event : events) {
            inFlight += (int) event[1];
            if (!times.isEmpty() && times.get(times.size() - 1) == event[0]) {
                counts.set(counts.size() - 1, inFlight);
            } else {
                times.add(event[0]);
                counts.add(inFlight);
            }
        }
        return new Steps(times, counts);
    }

    record Steps(List<Double> times, List<Integer> counts) {
    }

    private record Span(double start, double end) {
    }
}
