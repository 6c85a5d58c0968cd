package dev.multilora.run;

import dev.multilora.metrics.RequestRecord;
import dev.multilora.observe.CurrentRun;
import java.util.List;

/**
 * Marks when a run starts and stops sending, the span its rates are computed over, and makes the
 * run the one the progress display, the server scraper and the in-flight gauge look at meanwhile.
 */
public final class RequestPhase {
    private final CurrentRun currentRun;

    public RequestPhase(CurrentRun currentRun) {
        this.currentRun = currentRun;
    }

    /** Keeps the warmup's records apart: they are reported on their own and never measured. */
    public void warmedUp(BenchmarkRun run, Object splitResult) {
        List<RequestRecord> records = splitResult instanceof List<?> list
                ? list.stream().filter(RequestRecord.class::isInstance).map(RequestRecord.class::cast).toList()
                : List.of();
        run.recordWarmup(records);
    }

    /** @param planned every request and invalid line the phase will end with a record for */
    public void begin(BenchmarkRun run, List<PlannedRequest> planned) {
        run.progress().begin(planned.size());
        run.markRequestPhaseStarted();
        currentRun.set(run);
    }

    /** One more record: counted for progress, nothing else, since this runs on the request path. */
    public void finished(BenchmarkRun run, RequestRecord record) {
        run.progress().finished(record);
    }

    public void end(BenchmarkRun run) {
        run.markRequestPhaseEnded();
        currentRun.clear();
    }

    /** The run stopped on an error: whatever it was doing, it is no longer current. */
    public void abandon() {
        currentRun.clear();
    }
}
