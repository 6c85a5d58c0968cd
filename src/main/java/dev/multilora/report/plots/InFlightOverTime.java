package dev.multilora.report.plots;

import dev.multilora.metrics.RequestRecord;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** How many requests were in flight at each moment, to see whether the run kept its concurrency busy. */
final class InFlightOverTime implements Plot {

    @Override
    public String fileName() {
        return "in_flight.png";
    }

    @Override
    public Optional<Chart<?, ?>> draw(List<RequestRecord> records, ChartCanvas canvas) {
        RunTimeline timeline = RunTimeline.of(records);
        if (timeline.isEmpty()) {
            return Optional.empty();
        }
        RunTimeline.Steps steps = timeline.inFlight();
        XYChart chart = canvas.xy("Requests in flight over the run", "time since the first request (s)", "requests in flight");
        XYSeries series = chart.addSeries("successful requests in flight", steps.times(), steps.counts());
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(ChartCanvas.SECONDARY);
        series.setFillColor(ChartCanvas.translucent(ChartCanvas.SECONDARY));
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(Collections.max(steps.counts()) + 1.0);
        chart.getStyler().setYAxisDecimalPattern("0");
        return Optional.of(chart);
    }
}
