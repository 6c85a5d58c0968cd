package dev.multilora.sweep;

import dev.multilora.run.QueuedEnding;
import dev.multilora.run.RunOutcome;
import java.nio.file.Path;
import java.util.List;

/**
 * How a sweep ended.
 *
 * @param folder      the sweep folder; for a sweep that could not start, its error report's folder (or null)
 * @param ran         runs this attempt benchmarked
 * @param reused      runs an earlier attempt had finished (resume)
 * @param notDone     runs that failed or were interrupted
 * @param status      completed (every run completed), failed (a run did not, or the sweep could not
 *                    start), interrupted (it can be resumed) or cancelled (through the run API)
 * @param message     why it failed, was interrupted or cancelled; null when it completed
 * @param capacities  each point's capacity search, when the sweep searched
 */
public record SweepOutcome(Path folder, int ran, int reused, int notDone, RunOutcome.Status status, String message,
                           List<CapacityResult> capacities) implements QueuedEnding {
    public SweepOutcome {
        capacities = List.copyOf(capacities);
    }

    /** A sweep that never started or broke off (its file or folder could not be used, or it was cancelled while it waited): its report. */
    public static SweepOutcome reported(RunOutcome report) {
        return new SweepOutcome(report.folder(), 0, 0, 0, report.status(), report.message(), List.of());
    }

    /** Still waiting in the run queue when `watch` stopped: it runs (resumes) when `watch` starts again. */
    public static SweepOutcome notRun() {
        return new SweepOutcome(null, 0, 0, 0, RunOutcome.Status.INTERRUPTED, "watch stopped before its turn", List.of());
    }

    @Override
    public boolean isCompleted() {
        return status == RunOutcome.Status.COMPLETED;
    }

    /** A sweep runs its points here, never on the work queue. */
    @Override
    public boolean isSubmitted() {
        return false;
    }

    @Override
    public boolean isInterrupted() {
        return status == RunOutcome.Status.INTERRUPTED;
    }
}
