package dev.multilora.dataset;

/** A line that was valid when the dataset was indexed reads differently now: the file changed under the run. */
public final class UnreadableLineException extends RuntimeException {
    UnreadableLineException(int lineNumber, String reason) {
        super("line " + lineNumber + " changed since the dataset was read: " + reason);
    }
}
