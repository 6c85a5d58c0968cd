package dev.multilora.run;

import dev.multilora.adapter.AdapterEnricher;
import dev.multilora.config.Setting;
import dev.multilora.metrics.RecordColumns;
import dev.multilora.observe.CurrentRun;
import java.util.List;
import org.apache.camel.CamelContext;

/**
 * Opens and closes a run's request phases: hands the request workers the plan they take requests
 * from and says what becomes of each finished request, marks the span the measured phase's rates
 * are computed over, and makes the run the one the progress display, the server scraper and the
 * in-flight gauge look at meanwhile.
 */
public final class RequestPhase {
    private final CurrentRun currentRun;
    private final RunRecorder recorder;
    private final AdapterEnricher adapters = new AdapterEnricher();

    public RequestPhase(CurrentRun currentRun, RunRecorder recorder) {
        this.currentRun = currentRun;
        this.recorder = recorder;
    }

    /** A round of the client's rehearsal against its local replay: dispatched like any phase, its records recorded and thrown away. */
    public RequestDispatch rehearsal(List<PlannedRequest> requests, BenchmarkRun run) {
        return RequestDispatch.unmeasured(requests, run, adapters, new RehearsalRecords(requests.size(), run.config().string(Setting.MODEL_NAME)));
    }

    /** The server warmup: dispatched in order at the run's concurrency, its records reported on their own and never measured. */
    public RequestDispatch warmup(List<PlannedRequest> requests, BenchmarkRun run) {
        return RequestDispatch.unmeasured(requests, run, adapters, run::recordWarmup);
    }

    /** @param planned every request and invalid line the phase will end with a record for */
    public RequestDispatch begin(BenchmarkRun run, List<PlannedRequest> planned, CamelContext context) {
        run.progress().begin(planned.size());
        run.beginRequests(planned.size());
        currentRun.set(run);
        return RequestDispatch.measured(planned, run, adapters, record -> recorder.record(run, record, context));
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
