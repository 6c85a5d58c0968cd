package dev.multilora.sweep;

/** A sweep that cannot start: its folder, its lock, or a resume that does not match the plan. */
public final class SweepException extends RuntimeException {
    public SweepException(String message) {
        super(message);
    }
}
