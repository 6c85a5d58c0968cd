package dev.multilora.run;

import dev.multilora.metrics.RequestRecord;
import dev.multilora.observe.PipelineMeters;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The request split's aggregation: each finished request goes to its run (results.csv row,
 * compact figures, progress, stop conditions) and to the meters, and nothing of it stays on the
 * exchange, so memory does not grow with the run. Camel calls it one exchange at a time.
 */
public final class RunRecorder implements AggregationStrategy {
    private final PipelineMeters meters;

    public RunRecorder(PipelineMeters meters) {
        this.meters = meters;
    }

    @Override
    public Exchange aggregate(Exchange aggregate, Exchange finished) {
        RequestRecord record = finished.getMessage().getBody(RequestRecord.class);
        finished.getProperty("run", BenchmarkRun.class).recordFinished(record);
        meters.requestFinished(record, finished.getContext());
        finished.getMessage().setBody(null);
        return aggregate == null ? finished : aggregate;
    }
}
