package dev.multilora.report.plots;

import static dev.multilora.report.plots.RunPlotsTest.failure;
import static dev.multilora.report.plots.RunPlotsTest.success;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunTimelineTest {

    @Test
    void completionsAreCountedInTheSecondTheyEnd() {
        RunTimeline timeline = RunTimeline.of(List.of(success(1, "a", 0.0, 0.5), success(2, "a", 0.2, 0.7),
                success(3, "a", 1.5, 1.0), failure(4, "a", 0.0)));

        assertArrayEquals(new int[] {2, 0, 1}, timeline.completionsPerSecond());
    }

    @Test
    void inFlightStepsUpAndDownAndAHandedOverSlotIsNotCountedTwice() {
        RunTimeline timeline = RunTimeline.of(List.of(success(1, "a", 0.0, 1.0), success(2, "a", 0.5, 1.0),
                success(3, "a", 1.0, 0.25)));

        RunTimeline.Steps steps = timeline.inFlight();

        assertEquals(List.of(0.0, 0.5, 1.0, 1.25, 1.5), steps.times());
        assertEquals(List.of(1, 2, 2, 1, 0), steps.counts());
    }

    @Test
    void timeStartsAtTheFirstRequestSentEvenIfItFailed() {
        RunTimeline timeline = RunTimeline.of(List.of(failure(1, "a", 0.0), success(2, "a", 2.0, 0.5)));

        assertEquals(List.of(2.0, 2.5), timeline.inFlight().times());
    }
}
