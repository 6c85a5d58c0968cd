package dev.multilora.sweep;

import java.nio.file.Path;

/**
 * Asks for a sweep.
 *
 * @param plan          what to run
 * @param resume        the folder of an earlier attempt to finish; null for a new sweep
 * @param unattended    dropped into the inbox or submitted to the run API: it waits for the outbox's
 *                      lock as `watch` runs do, and a failure to start is an error report, not a thrown error
 * @param resumeLatest  finish the newest unfinished folder planned from this same sweep, if there is
 *                      one (a dropped sweep that was interrupted and runs again)
 */
public record SweepRequest(SweepPlan plan, Path resume, boolean unattended, boolean resumeLatest) {

    /** The `sweep` command's request. */
    public SweepRequest(SweepPlan plan, Path resume) {
        this(plan, resume, false, false);
    }

    /** A sweep file taken from the inbox; {@code retried} when an interruption sent it back there. */
    public static SweepRequest dropped(SweepPlan plan, boolean retried) {
        return new SweepRequest(plan, null, true, retried);
    }
}
