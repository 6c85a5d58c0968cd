package dev.multilora.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendTimingsTest {
    private final SendTimings timings = new SendTimings();

    private static RequestRecord sent(int id, double scheduled, double slotWait, double start) {
        return new RequestRecord(id, id, "p", "alpha", null, 0.1, slotWait, 1, 1, "x", 200, null, null, scheduled, start, null, RequestOutcome.OK, null, false);
    }

    private static RequestRecord notSent(int id) {
        return new RequestRecord(id, id, "p", "nope", null, null, null, null, null, null, null, "unknown adapter", null, 0.5, null, null, RequestOutcome.FAILED, null, false);
    }

    private static Map<String, Object> p50p99(double p50, double p99) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("p50", p50);
        figures.put("p99", p99);
        return figures;
    }

    /** Slips 0, 10, 20, 30 ms; slot waits 0, 0, 50, 100 ms. */
    private static final List<RequestRecord> FOUR = List.of(
            sent(1, 0.0, 0.0, 0.0),
            sent(2, 0.5, 0.0, 0.51),
            sent(3, 1.0, 0.05, 1.07),
            sent(4, 1.5, 0.1, 1.63),
            notSent(5));

    @Test
    void achievedRateIsSendsOverTheSpanOfSendTimes() {
        assertEquals(4 / 1.63, timings.achievedRequestRate(FOUR), 1e-12);
    }

    @Test
    void achievedRateNeedsTwoSendsApart() {
        assertNull(timings.achievedRequestRate(List.of(sent(1, 0, 0, 0.2))));
        assertNull(timings.achievedRequestRate(List.of(sent(1, 0, 0, 0.2), sent(2, 0, 0, 0.2))));
    }

    @Test
    void slipIsLatenessLessTheSlotWaitInMillis() {
        // numpy.percentile([0, 10, 20, 30], [50, 99]) = 15, 29.7
        Map<String, Object> slip = timings.schedulerSlipMillis(FOUR);
        assertEquals(15.0, (Double) slip.get("p50"), 1e-9);
        assertEquals(29.7, (Double) slip.get("p99"), 1e-9);
    }

    @Test
    void slotWaitInMillis() {
        // numpy.percentile([0, 0, 50, 100], [50, 99]) = 25, 98.5
        Map<String, Object> wait = timings.slotWaitMillis(FOUR);
        assertEquals(25.0, (Double) wait.get("p50"), 1e-9);
        assertEquals(98.5, (Double) wait.get("p99"), 1e-9);
    }

    @Test
    void nothingSentGivesNulls() {
        Map<String, Object> empty = new LinkedHashMap<>();
        empty.put("p50", null);
        empty.put("p99", null);
        assertEquals(empty, timings.schedulerSlipMillis(List.of(notSent(1))));
        assertEquals(p50p99(0, 0), timings.slotWaitMillis(List.of(sent(1, 0, 0, 0))));
    }
}
