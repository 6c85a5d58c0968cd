package dev.multilora.server;

import dev.multilora.engine.ServedAdapters;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The server as one run sees it: which mode, whether it was started fresh for this run, and, for a
 * managed server, whether its process has died (so requests can fail at once with the reason).
 */
public final class ServerSession {
    private static final Duration EXIT_PATIENCE = Duration.ofSeconds(2);

    private final String mode;
    private final Boolean fresh;
    private final ServerProcess process;
    private final long logOffset;
    private final ServedAdapters served;
    private final List<String> ignoredArguments;

    ServerSession(String mode, Boolean fresh, ServerProcess process, long logOffset, ServedAdapters served,
                  List<String> ignoredArguments) {
        this.mode = mode;
        this.fresh = fresh;
        this.process = process;
        this.logOffset = logOffset;
        this.served = served;
        this.ignoredArguments = List.copyOf(ignoredArguments);
    }

    public static ServerSession external(ServedAdapters served) {
        return new ServerSession("external", null, null, 0, served, List.of());
    }

    /**
     * Command-line arguments the bundled stand-in accepted without knowing them: a command line that
     * works on the stand-in is no proof that a real engine takes it. Empty for a real engine.
     */
    public List<String> ignoredArguments() {
        return ignoredArguments;
    }

    /** The adapters the server serves, as requests must name them. */
    public ServedAdapters served() {
        return served;
    }

    public String mode() {
        return mode;
    }

    /** True when started for this run, false when reused, null when unknown (external). */
    public Boolean fresh() {
        return fresh;
    }

    ServerProcess process() {
        return process;
    }

    long logOffset() {
        return logOffset;
    }

    /** "server exited with code N" once a managed server has died; says so when this tool stopped it. */
    public Optional<String> deathNotice() {
        if (process == null) {
            return Optional.empty();
        }
        return process.exitCode().map(code -> process.wasStoppedByUs()
                ? "server stopped by multilora-bench (exit code " + code + "): the tool was shutting down and the run was interrupted"
                : "server exited with code " + code);
    }

    /**
     * After a broken connection: gives the process a moment to be seen dead, so the request's
     * error names the real cause rather than a connection reset.
     */
    public Optional<String> deathNoticeAfterFailure() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.awaitExit(EXIT_PATIENCE);
        }
        return deathNotice();
    }
}
