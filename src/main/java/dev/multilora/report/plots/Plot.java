package dev.multilora.report.plots;

import java.util.Optional;
import org.knowm.xchart.internal.chartpart.Chart;

/** One chart of a run, drawn from its records alone (gathered once for all charts). */
interface Plot {

    /** The PNG's name inside the run's plots folder. */
    String fileName();

    /** The chart, or empty when the records hold nothing this chart could show. */
    Optional<Chart<?, ?>> draw(PlotInputs run, ChartCanvas canvas);
}
