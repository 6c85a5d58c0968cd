package dev.multilora.run;

/** Marks when a run starts and stops sending, the span its rates are computed over. */
public final class RequestPhase {

    public void begin(BenchmarkRun run) {
        run.markRequestPhaseStarted();
    }

    public void end(BenchmarkRun run) {
        run.markRequestPhaseEnded();
    }
}
