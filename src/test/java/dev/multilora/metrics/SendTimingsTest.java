package dev.multilora.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.multilora.results.WaitPercentiles;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendTimingsTest {
    private final SendTimings timings = new SendTimings();

    private static RequestRecord sent(int id, double scheduled, double slotWait, double start) {
        return new RequestRecord(id, id, "p", "alpha", null, 0.1, slotWait, 1, 1, "x", 200, null, null, scheduled, start, null, RequestOutcome.OK, null, false, null);
    }

    private static RequestRecord notSent(int id) {
        return new RequestRecord(id, id, "p", "nope", null, null, null, null, null, null, null, "unknown adapter", null, 0.5, null, null, RequestOutcome.FAILED, null, false, null);
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
        WaitPercentiles slip = timings.schedulerSlipMillis(FOUR);
        assertEquals(15.0, slip.p50(), 1e-9);
        assertEquals(29.7, slip.p99(), 1e-9);
    }

    @Test
    void slotWaitInMillis() {
        // numpy.percentile([0, 0, 50, 100], [50, 99]) = 25, 98.5
        WaitPercentiles wait = timings.slotWaitMillis(FOUR);
        assertEquals(25.0, wait.p50(), 1e-9);
        assertEquals(98.5, wait.p99(), 1e-9);
    }

    @Test
    void nothingSentGivesNulls() {
        assertEquals(new WaitPercentiles(null, null), timings.schedulerSlipMillis(List.of(notSent(1))));
        assertEquals(new WaitPercentiles(0.0, 0.0), timings.slotWaitMillis(List.of(sent(1, 0, 0, 0))));
    }
}
