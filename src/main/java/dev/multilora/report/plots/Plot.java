package dev.multilora.report.plots;

import dev.multilora.metrics.RequestRecord;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.internal.chartpart.Chart;

/** One chart of a run, drawn from its records alone. */
interface Plot {

    /** The PNG's name inside the run's plots folder. */
    String fileName();

    /** The chart, or empty when the records hold nothing this chart could show. */
    Optional<Chart<?, ?>> draw(List<RequestRecord> records, ChartCanvas canvas);
}
