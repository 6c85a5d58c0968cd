package dev.multilora.observe;

import dev.multilora.run.BenchmarkRun;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The run whose requests are being sent, if any: what the periodic routes (progress, server
 * metrics) and the in-flight gauge look at. Runs never overlap (the run lock), so one is enough.
 */
public final class CurrentRun {
    private final AtomicReference<BenchmarkRun> run = new AtomicReference<>();

    public void set(BenchmarkRun current) {
        run.set(current);
    }

    public void clear() {
        run.set(null);
    }

    public Optional<BenchmarkRun> get() {
        return Optional.ofNullable(run.get());
    }
}
