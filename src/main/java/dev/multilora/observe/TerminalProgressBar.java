package dev.multilora.observe;

import java.io.PrintStream;
import java.time.Duration;

/** A one-line bar redrawn in place with a carriage return, for a person watching `bench` on a terminal. */
final class TerminalProgressBar implements ProgressDisplay {
    private static final int WIDTH = 30;

    private final PrintStream stream;

    TerminalProgressBar(PrintStream stream) {
        this.stream = stream;
    }

    @Override
    public Duration interval() {
        return Duration.ofMillis(500);
    }

    @Override
    public void show(ProgressSnapshot progress) {
        int filled = (int) Math.round(progress.fraction() * WIDTH);
        // Trailing spaces wipe what a longer previous line left behind.
        stream.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + progress.describe() + "    ");
        stream.flush();
    }

    @Override
    public void finish(ProgressSnapshot progress) {
        show(progress);
        stream.println();
    }
}
