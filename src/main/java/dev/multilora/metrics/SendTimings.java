package dev.multilora.metrics;

import dev.multilora.results.WaitPercentiles;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.function.Function;

/**
 * How well the client kept to its schedule, from the measured requests that were sent: the rate it
 * achieved, and its lateness split by cause: slot wait (the concurrency cap) and scheduler slip
 * (the client itself), in milliseconds.
 */
public final class SendTimings {

    /** Requests sent / span of their send times; null with fewer than two sends or a zero span. */
    public Double achievedRequestRate(List<RequestRecord> records) {
        DoubleSummaryStatistics starts = sent(records).stream().mapToDouble(RequestRecord::startOffsetSeconds).summaryStatistics();
        double span = starts.getMax() - starts.getMin();
        return starts.getCount() >= 2 && span > 0 ? starts.getCount() / span : null;
    }

    public WaitPercentiles schedulerSlipMillis(List<RequestRecord> records) {
        return p50p99Millis(records, RequestRecord::schedulerSlipSeconds);
    }

    public WaitPercentiles slotWaitMillis(List<RequestRecord> records) {
        return p50p99Millis(records, RequestRecord::slotWaitSeconds);
    }

    private static WaitPercentiles p50p99Millis(List<RequestRecord> records, Function<RequestRecord, Double> seconds) {
        double[] millis = RecordSelection.values(sent(records), seconds);
        for (int i = 0; i < millis.length; i++) {
            millis[i] *= 1000;
        }
        Percentiles percentiles = Percentiles.of(millis);
        return new WaitPercentiles(percentiles.percentile(50), percentiles.percentile(99));
    }

    private static List<RequestRecord> sent(List<RequestRecord> records) {
        return RecordSelection.where(records, r -> r.isMeasured() && r.startOffsetSeconds() != null);
    }
}
