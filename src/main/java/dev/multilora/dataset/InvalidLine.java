package dev.multilora.dataset;

/** A non-blank dataset line that cannot be sent, kept so that it still ends as a row of the results. */
public record InvalidLine(int lineNumber, String reason) {
}
