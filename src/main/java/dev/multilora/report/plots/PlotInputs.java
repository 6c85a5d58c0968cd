package dev.multilora.report.plots;

import dev.multilora.metrics.RequestRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.DoubleStream;

/**
 * What the plots are drawn from, gathered in one pass over the records and kept as primitive
 * arrays, so every plot costs the same whether the run had a hundred requests or a million.
 */
final class PlotInputs {
    /** The most requests the timeline draws one by one; beyond, it shows the first ones and says so. */
    static final int MAX_BARS = 5_000;

    private final double[] latencies;
    private final SortedMap<String, AdapterRequests> adapters;
    private final Map<String, AdapterRequests> endpoints;
    private final RunTimeline timeline;
    private final List<Bar> bars;
    private final int sent;
    private final OffsetDateTime phaseStart;

    /** One sent request on the timeline: its adapter, and when it was sent and ended, in seconds of the request phase. */
    record Bar(String adapter, double start, double end) {
    }

    private PlotInputs(double[] latencies, SortedMap<String, AdapterRequests> adapters, Map<String, AdapterRequests> endpoints,
                       RunTimeline timeline, List<Bar> bars, int sent, OffsetDateTime phaseStart) {
        this.latencies = latencies;
        this.adapters = adapters;
        this.endpoints = endpoints;
        this.timeline = timeline;
        this.bars = bars;
        this.sent = sent;
        this.phaseStart = phaseStart;
    }

    static PlotInputs of(Iterable<RequestRecord> records) {
        DoubleStream.Builder latencies = DoubleStream.builder();
        Map<String, AdapterRequests.Builder> adapters = new TreeMap<>();
        Map<String, AdapterRequests.Builder> endpoints = new LinkedHashMap<>();
        RunTimeline.Builder timeline = new RunTimeline.Builder();
        List<Bar> bars = new ArrayList<>();
        int sent = 0;
        OffsetDateTime phaseStart = null;
        for (RequestRecord record : records) {
            if (record.isMeasured() && record.startOffsetSeconds() != null && record.endOffsetSeconds() != null) {
                sent++;
                if (bars.size() < MAX_BARS) {
                    bars.add(new Bar(record.adapterName(), record.startOffsetSeconds(), record.endOffsetSeconds()));
                }
                if (phaseStart == null && record.startedAt() != null) {
                    phaseStart = record.startedAt().minusNanos(Math.round(record.startOffsetSeconds() * 1e9));
                }
            }
            if (record.succeeded()) {
                latencies.add(record.latencySeconds());
            }
            if (record.isMeasured()) {
                adapters.computeIfAbsent(record.adapterName(), name -> new AdapterRequests.Builder()).add(record);
                if (record.endpoint() != null) {
                    endpoints.computeIfAbsent(record.endpoint(), url -> new AdapterRequests.Builder()).add(record);
                }
            }
            timeline.add(record);
        }
        SortedMap<String, AdapterRequests> perAdapter = new TreeMap<>();
        adapters.forEach((name, builder) -> perAdapter.put(name, builder.build()));
        Map<String, AdapterRequests> perEndpoint = new LinkedHashMap<>();
        endpoints.forEach((url, builder) -> perEndpoint.put(url, builder.build()));
        double[] sorted = latencies.build().toArray();
        Arrays.sort(sorted);
        return new PlotInputs(sorted, perAdapter, perEndpoint, timeline.build(), bars, sent, phaseStart);
    }

    /** The first {@link #MAX_BARS} sent requests, in record order. */
    List<Bar> bars() {
        return bars;
    }

    /** How many measured requests were sent in all. */
    int sent() {
        return sent;
    }

    /** The wall-clock time of the request phase's zero, to place the server's scrapes on the same axis; null without sends. */
    OffsetDateTime phaseStart() {
        return phaseStart;
    }

    /** Latencies of the successful requests, ascending. */
    double[] latencies() {
        return latencies;
    }

    /** Measured requests by adapter name, in name order. */
    SortedMap<String, AdapterRequests> adapters() {
        return adapters;
    }

    /** Measured requests sent, by the server that served them, in the order the servers first appear. */
    Map<String, AdapterRequests> endpoints() {
        return endpoints;
    }

    RunTimeline timeline() {
        return timeline;
    }

    /**
     * One adapter's measured requests: how many failed, and of the others the latencies and (for
     * streamed requests) the TTFTs and TPOTs, each ascending.
     */
    record AdapterRequests(int failed, double[] latencies, double[] ttfts, double[] tpots) {

        int successful() {
            return latencies.length;
        }

        static final class Builder {
            private final DoubleStream.Builder latencies = DoubleStream.builder();
            private final DoubleStream.Builder ttfts = DoubleStream.builder();
            private final DoubleStream.Builder tpots = DoubleStream.builder();
            private int failed;

            void add(RequestRecord record) {
                if (record.succeeded()) {
                    latencies.add(record.latencySeconds());
                    if (record.ttftSeconds() != null) {
                        ttfts.add(record.ttftSeconds());
                    }
                    if (record.tpotSeconds() != null) {
                        tpots.add(record.tpotSeconds());
                    }
                } else {
                    failed++;
                }
            }

            AdapterRequests build() {
                return new AdapterRequests(failed, sorted(latencies), sorted(ttfts), sorted(tpots));
            }

            private static double[] sorted(DoubleStream.Builder values) {
                double[] sorted = values.build().toArray();
                Arrays.sort(sorted);
                return sorted;
            }
        }
    }
}
