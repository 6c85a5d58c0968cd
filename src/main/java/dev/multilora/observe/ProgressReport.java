package dev.multilora.observe;

import dev.multilora.run.BenchmarkRun;

/** Shows the current run's progress on the display, at the pace the display asks for. */
public final class ProgressReport {
    private final ProgressDisplay display;
    private final CurrentRun currentRun;
    private long lastShownNanos = System.nanoTime();

    public ProgressReport(ProgressDisplay display, CurrentRun currentRun) {
        this.display = display;
        this.currentRun = currentRun;
    }

    /** Called by a timer faster than any display's interval; shows only when the interval has passed. */
    public synchronized void tick() {
        currentRun.get().ifPresent(run -> {
            long now = System.nanoTime();
            if (now - lastShownNanos >= display.interval().toNanos()) {
                lastShownNanos = now;
                display.show(run.progress().snapshot());
            }
        });
    }

    public synchronized void finish(BenchmarkRun run) {
        display.finish(run.progress().snapshot());
    }
}
