package dev.multilora.observe;

import dev.multilora.run.BenchmarkRun;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The run whose requests are being sent, if any: what the periodic routes (progress, server
 * metrics) and the in-flight gauge look at; and the run that is open at all (from its start to its
 * published folder), which an interruption stops. Runs never overlap (the run lock), so one is enough.
 */
public final class CurrentRun {
    private final AtomicReference<BenchmarkRun> run = new AtomicReference<>();
    private final AtomicReference<BenchmarkRun> open = new AtomicReference<>();

    public void opened(BenchmarkRun started) {
        open.set(started);
    }

    public void closed(BenchmarkRun ended) {
        open.compareAndSet(ended, null);
    }

    public Optional<BenchmarkRun> open() {
        return Optional.ofNullable(open.get());
    }

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
