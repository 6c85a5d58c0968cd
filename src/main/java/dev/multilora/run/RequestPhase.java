package dev.multilora.run;

import dev.multilora.adapter.AdapterEnricher;
import dev.multilora.metrics.RecordColumns;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.observe.CurrentRun;
import java.util.List;

/**
 * Opens and closes a run's request phase: hands the route the dispatcher its request split
 * iterates, marks the span its rates are computed over, and makes the run the one the progress
 * display, the server scraper and the in-flight gauge look at meanwhile.
 */
public final class RequestPhase {
    private final CurrentRun currentRun;
    private final AdapterEnricher adapters = new AdapterEnricher();

    public RequestPhase(CurrentRun currentRun) {
        this.currentRun = currentRun;
    }

    /** Requests sent before measuring (the client's rehearsal, the server warmup), dispatched in order at the run's concurrency. */
    public RequestDispatch unmeasured(List<PlannedRequest> requests, BenchmarkRun run) {
        return RequestDispatch.unmeasured(requests, run, adapters);
    }

    /** Keeps the warmup's records apart: they are reported on their own and never measured. */
    public void warmedUp(BenchmarkRun run, Object splitResult) {
        List<RequestRecord> records = splitResult instanceof List<?> list
                ? list.stream().filter(RequestRecord.class::isInstance).map(RequestRecord.class::cast).toList()
                : List.of();
        run.recordWarmup(records);
    }

    /** @param planned every request and invalid line the phase will end with a record for */
    public RequestDispatch begin(BenchmarkRun run, List<PlannedRequest> planned) {
        run.progress().begin(planned.size());
        run.beginRequests(planned.size());
        currentRun.set(run);
        return RequestDispatch.measured(planned, run, adapters);
    }

    /** @return every record of the phase, for the report */
    public RecordColumns end(BenchmarkRun run) {
        run.endRequests();
        currentRun.clear();
        return run.records();
    }

    /** The run stopped on an error: whatever it was doing, it is no longer current, and its rows so far are kept. */
    public void abandon(BenchmarkRun run) {
        if (run != null) {
            run.closeResultsCsv();
        }
        currentRun.clear();
    }
}
