package dev.multilora.sweep;

/** A sweep that cannot start: its folder, its lock, or a resume that does not match the plan. */
public final class SweepException extends RuntimeException {
    private final boolean badUsage;

    /** @param badUsage whether the command was given something wrong (a --resume folder), rather than meeting a busy outbox */
    public SweepException(String message, boolean badUsage) {
        super(message);
        this.badUsage = badUsage;
    }

    public boolean badUsage() {
        return badUsage;
    }
}
