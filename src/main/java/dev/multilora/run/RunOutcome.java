package dev.multilora.run;

import dev.multilora.results.RunResults;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How a run ended: completed with results, failed with an error report, interrupted (Ctrl-C,
 * SIGTERM) with what it measured until then, cancelled (interrupted for good) through the API, or submitted: handed
 * to the work queue (work.broker_url), where a worker runs it and its results come back on their own.
 *
 * @param results what the run measured; null when it ended before measuring (an error report only)
 */
public record RunOutcome(Status status, Path folder, String message, RunResults results) implements QueuedEnding {

    public enum Status {
        COMPLETED, FAILED, INTERRUPTED, CANCELLED, SUBMITTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static RunOutcome completed(Path folder, RunResults results) {
        return new RunOutcome(Status.COMPLETED, folder, null, results);
    }

    /** The run reported, but could not finish as planned (the server died). */
    public static RunOutcome failedWithResults(Path folder, String message, RunResults results) {
        return new RunOutcome(Status.FAILED, folder, message, results);
    }

    public static RunOutcome failed(Path folder, String message) {
        return new RunOutcome(Status.FAILED, folder, message, null);
    }

    public static RunOutcome interrupted(Path folder, String message, RunResults results) {
        return new RunOutcome(Status.INTERRUPTED, folder, message, results);
    }

    public static RunOutcome cancelled(Path folder, String message, RunResults results) {
        return new RunOutcome(Status.CANCELLED, folder, message, results);
    }

    /** On the work queue, kept by the broker until a worker has run it: this process is done with it. */
    public static RunOutcome submitted(String message) {
        return new RunOutcome(Status.SUBMITTED, null, message, null);
    }

    @Override
    public boolean isSubmitted() {
        return status == Status.SUBMITTED;
    }

    @Override
    public boolean isInterrupted() {
        return status == Status.INTERRUPTED;
    }

    @Override
    public boolean isCompleted() {
        return status == Status.COMPLETED;
    }

    /** A completed run in which no request succeeded is not a success for the caller. */
    public boolean anyRequestSucceeded() {
        return isCompleted() && results != null && results.counts().successful() > 0;
    }

    public boolean hasResults() {
        return results != null;
    }
}
