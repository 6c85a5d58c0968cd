package dev.multilora.report.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RoundIntervalsTest {

    @Test
    void intervalsStayOneSecondUntilTheRunIsTooLongForThem() {
        assertEquals(1, RoundIntervals.widthFor(0.3));
        assertEquals(1, RoundIntervals.widthFor(599.9));
        assertEquals(2, RoundIntervals.widthFor(600));
        assertEquals(10, RoundIntervals.widthFor(5_000));
        assertEquals(1800, RoundIntervals.widthFor(1_000_000));
        assertEquals(5009, RoundIntervals.widthFor(3_000_000), "beyond an hour per interval, whatever keeps the count");
    }
}
