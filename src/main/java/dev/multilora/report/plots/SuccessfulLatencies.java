package dev.multilora.report.plots;

import dev.multilora.metrics.RequestRecord;
import java.util.List;

/** Latencies exist for successful requests only; every latency plot starts from these. */
final class SuccessfulLatencies {
    private SuccessfulLatencies() {
    }

    static List<Double> sorted(List<RequestRecord> records) {
        return records.stream().filter(RequestRecord::succeeded).map(RequestRecord::latencySeconds).sorted().toList();
    }
}
