package dev.multilora.run;

import dev.multilora.metrics.RequestRecord;
import dev.multilora.observe.PipelineMeters;
import org.apache.camel.CamelContext;

/**
 * Where each finished measured request goes, as soon as it ends: to its run (results.csv row,
 * compact figures, progress, stop conditions) and to the meters. Nothing of it stays behind, so
 * memory does not grow with the run.
 */
public final class RunRecorder {
    private final PipelineMeters meters;

    public RunRecorder(PipelineMeters meters) {
        this.meters = meters;
    }

    public void record(BenchmarkRun run, RequestRecord record, CamelContext context) {
        run.recordFinished(record);
        meters.requestFinished(record, context);
    }
}
