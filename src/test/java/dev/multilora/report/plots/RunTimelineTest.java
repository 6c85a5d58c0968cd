package dev.multilora.report.plots;

import static dev.multilora.report.plots.RunPlotsTest.failure;
import static dev.multilora.report.plots.RunPlotsTest.success;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.multilora.metrics.RequestRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTimelineTest {

    private static RunTimeline timeline(List<RequestRecord> records) {
        return PlotInputs.of(records).timeline();
    }

    @Test
    void completionsAreCountedInTheBucketTheyEnd() {
        RunTimeline timeline = timeline(List.of(success(1, "a", 0.0, 0.5), success(2, "a", 0.2, 0.7),
                success(3, "a", 1.5, 1.0), failure(4, "a", 0.0)));

        assertArrayEquals(new int[] {2, 0, 1}, timeline.completions(1));
        assertArrayEquals(new int[] {2, 1}, timeline.completions(2));
    }

    @Test
    void inFlightStepsUpAndDownAndAHandedOverSlotIsNotCountedTwice() {
        RunTimeline timeline = timeline(List.of(success(1, "a", 0.0, 1.0), success(2, "a", 0.5, 1.0),
                success(3, "a", 1.0, 0.25)));

        RunTimeline.Steps steps = timeline.inFlight();

        assertArrayEquals(new double[] {0.0, 0.5, 1.0, 1.25, 1.5}, steps.times());
        assertArrayEquals(new int[] {1, 2, 2, 1, 0}, steps.counts());
    }

    @Test
    void recordsInAnyOrderGiveTheSameSteps() {
        RunTimeline timeline = timeline(List.of(success(3, "a", 1.0, 0.25), success(1, "a", 0.0, 1.0),
                success(2, "a", 0.5, 1.0)));

        assertArrayEquals(new double[] {0.0, 0.5, 1.0, 1.25, 1.5}, timeline.inFlight().times());
    }

    @Test
    void timeStartsAtTheFirstRequestSentEvenIfItFailed() {
        RunTimeline timeline = timeline(List.of(success(2, "a", 2.0, 0.5), failure(1, "a", 0.0)));

        assertArrayEquals(new double[] {2.0, 2.5}, timeline.inFlight().times());
    }
}
