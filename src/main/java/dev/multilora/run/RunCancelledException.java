package dev.multilora.run;

/** A queued run was cancelled (DELETE /runs/ID) before it started: it ends with a report saying so. */
public class RunCancelledException extends RunAbortedException {
    public RunCancelledException(String message) {
        super(message);
    }
}
