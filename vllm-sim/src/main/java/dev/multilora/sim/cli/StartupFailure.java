package dev.multilora.sim.cli;

/**
 * Ends start-up the way vLLM does: argparse errors exit 2 with "vllm serve: error: ...",
 * configuration and adapter errors exit 1 with the Python exception.
 */
public final class StartupFailure extends Exception {

    private final int exitCode;

    private StartupFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** A failure worded and numbered as another engine's start-up fails. */
    public static StartupFailure of(String message, int exitCode) {
        return new StartupFailure(message, exitCode);
    }

    public static StartupFailure usage(String message) {
        return new StartupFailure("vllm serve: error: " + message, 2);
    }

    public static StartupFailure valueError(String message) {
        return new StartupFailure("ValueError: " + message, 1);
    }

    public static StartupFailure osError(String message) {
        return new StartupFailure("OSError: " + message, 1);
    }

    public int exitCode() {
        return exitCode;
    }
}
