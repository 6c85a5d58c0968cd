package dev.multilora.run;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a run ended: completed with results, failed with an error report, or interrupted (Ctrl-C,
 * SIGTERM) with what it measured until then. {@code results} is the results.json content.
 */
public record RunOutcome(Status status, Path folder, String message, Map<String, Object> results) {

    public enum Status { COMPLETED, FAILED, INTERRUPTED }

    public static RunOutcome completed(Path folder, Map<String, Object> results) {
        return new RunOutcome(Status.COMPLETED, folder, null, results);
    }

    /** The run reported, but could not finish as planned (the server died). */
    public static RunOutcome failedWithResults(Path folder, String message, Map<String, Object> results) {
        return new RunOutcome(Status.FAILED, folder, message, results);
    }

    public static RunOutcome failed(Path folder, String message) {
        return new RunOutcome(Status.FAILED, folder, message, Map.of());
    }

    public static RunOutcome interrupted(Path folder, String message, Map<String, Object> results) {
        return new RunOutcome(Status.INTERRUPTED, folder, message, results);
    }

    public boolean isInterrupted() {
        return status == Status.INTERRUPTED;
    }

    public boolean isCompleted() {
        return status == Status.COMPLETED;
    }

    /** A completed run in which no request succeeded is not a success for the caller. */
    public boolean anyRequestSucceeded() {
        return isCompleted() && results.get("successful_requests") instanceof Number n && n.longValue() > 0;
    }
}
