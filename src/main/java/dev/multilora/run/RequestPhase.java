package dev.multilora.run;

import dev.multilora.metrics.RequestRecord;
import java.util.List;

/** Marks when a run starts and stops sending, the span its rates are computed over. */
public final class RequestPhase {

    /** Keeps the warmup's records apart: they are reported on their own and never measured. */
    public void warmedUp(BenchmarkRun run, Object splitResult) {
        List<RequestRecord> records = splitResult instanceof List<?> list
                ? list.stream().filter(RequestRecord.class::isInstance).map(RequestRecord.class::cast).toList()
                : List.of();
        run.recordWarmup(records);
    }

    public void begin(BenchmarkRun run) {
        run.markRequestPhaseStarted();
    }

    public void end(BenchmarkRun run) {
        run.markRequestPhaseEnded();
    }
}
