package dev.multilora.report.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class InFlightIntervalsTest {
    private static final double EPS = 1e-12;

    @Test
    void eachIntervalKeepsItsPeakAndItsTimeWeightedMean() {
        // 2 in flight over [0, 1), 4 over [1, 1.5), 1 over [1.5, 4), none from 4 on.
        RunTimeline.Steps steps = new RunTimeline.Steps(new double[] {0, 1, 1.5, 4}, new int[] {2, 4, 1, 0});

        InFlightIntervals intervals = InFlightIntervals.of(steps, 2);

        assertArrayEquals(new int[] {4, 1, 0}, intervals.most());
        assertArrayEquals(new double[] {(2 * 1 + 4 * 0.5 + 1 * 0.5) / 2, 1.0, 0.0}, intervals.mean(), EPS);
        assertArrayEquals(new double[] {0, 2, 4, 6}, intervals.edges(), EPS);
    }

    @Test
    void aStepLongerThanAnIntervalFillsEveryIntervalItCovers() {
        RunTimeline.Steps steps = new RunTimeline.Steps(new double[] {0, 3, 3.5}, new int[] {5, 1, 0});

        InFlightIntervals intervals = InFlightIntervals.of(steps, 1);

        assertArrayEquals(new int[] {5, 5, 5, 1}, intervals.most());
        assertArrayEquals(new double[] {5, 5, 5, 0.5}, intervals.mean(), EPS);
    }

    @Test
    void beforeTheFirstSuccessfulRequestNothingIsInFlight() {
        RunTimeline.Steps steps = new RunTimeline.Steps(new double[] {1.5, 2.5}, new int[] {3, 0});

        InFlightIntervals intervals = InFlightIntervals.of(steps, 1);

        assertArrayEquals(new int[] {0, 3, 3}, intervals.most());
        assertArrayEquals(new double[] {0, 1.5, 1.5}, intervals.mean(), EPS);
    }
}
