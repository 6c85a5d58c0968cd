package dev.multilora.run;

/** The run cannot go on (no valid line, unreadable dataset, bad config): it ends with an error report. */
public class RunAbortedException extends RuntimeException {
    public RunAbortedException(String message) {
        super(message);
    }

    public RunAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
