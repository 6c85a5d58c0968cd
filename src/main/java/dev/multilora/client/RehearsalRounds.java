package dev.multilora.client;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * How long the client's rehearsal goes on: round after round while the JIT keeps compiling, since
 * a method compiled only once the clock runs costs the measured requests its compiling and every
 * call it made interpreted before. Its thresholds rise while its queue is long, so on a cold JVM a
 * single round leaves much of the per-request code interpreted. A round whose compiling took under
 * 2% of its own time has left the client's code compiled; benchmark.client_warmup_rounds end it in
 * any case.
 */
final class RehearsalRounds {
    static final double SETTLED_COMPILE_SHARE = 0.02;

    private final LongSupplier compileMillis;
    private final LongSupplier clock;
    private final int maxRounds;
    private int rounds;
    private long roundStartNanos;
    private long roundStartCompileMillis;
    private double lastCompileShare;

    /** Timed by this JVM's own compiler; where it does not time itself, one round only. */
    static RehearsalRounds ofThisJvm(int maxRounds) {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        boolean timed = compiler != null && compiler.isCompilationTimeMonitoringSupported();
        return new RehearsalRounds(timed ? compiler::getTotalCompilationTime : null, System::nanoTime, maxRounds);
    }

    /** @param compileMillis the JIT's total compiling time so far, in ms; null when unknown */
    RehearsalRounds(LongSupplier compileMillis, LongSupplier clock, int maxRounds) {
        this.compileMillis = compileMillis;
        this.clock = clock;
        this.maxRounds = maxRounds;
    }

    void start() {
        rounds++;
        roundStartNanos = clock.getAsLong();
        roundStartCompileMillis = compileMillis == null ? 0 : compileMillis.getAsLong();
    }

    /** Called as a round ends: whether another one is needed. */
    boolean another() {
        if (compileMillis == null) {
            return false;
        }
        double took = Math.max(1, clock.getAsLong() - roundStartNanos) / 1e9;
        lastCompileShare = (compileMillis.getAsLong() - roundStartCompileMillis) / 1e3 / took;
        return rounds < maxRounds && lastCompileShare >= SETTLED_COMPILE_SHARE;
    }

    int rounds() {
        return rounds;
    }

    /** The share of the last round's time the JIT spent compiling. */
    double lastCompileShare() {
        return lastCompileShare;
    }
}
