package dev.multilora.report.plots;

import java.util.Arrays;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How many requests were in flight at each moment, to see whether the run kept its concurrency
 * busy. Every step is drawn up to {@link #MAX_STEPS}; beyond, the run is cut into round
 * intervals (see {@link RoundIntervals}), each showing its most and its mean in flight.
 */
final class InFlightOverTime implements Plot {
    static final int MAX_STEPS = 2_000;

    @Override
    public String fileName() {
        return "in_flight.png";
    }

    @Override
    public Optional<Chart<?, ?>> draw(PlotInputs run, ChartCanvas canvas) {
        if (run.timeline().isEmpty()) {
            return Optional.empty();
        }
        RunTimeline.Steps steps = run.timeline().inFlight();
        XYChart chart = canvas.xy("Requests in flight over the run", "time since the first request (s)", "requests in flight");
        if (steps.size() <= MAX_STEPS) {
            area(chart, "successful requests in flight", steps.times(), Arrays.stream(steps.counts()).asDoubleStream().toArray());
        } else {
            InFlightIntervals intervals = InFlightIntervals.of(steps, RoundIntervals.widthFor(run.timeline().length()));
            double[] edges = intervals.edges();
            area(chart, "most successful requests in flight per " + SecondsFormat.of(intervals.width()) + "-second interval",
                    edges, lastRepeated(Arrays.stream(intervals.most()).asDoubleStream().toArray()));
            XYSeries mean = chart.addSeries("mean over the interval", edges, lastRepeated(intervals.mean()));
            mean.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            mean.setMarker(SeriesMarkers.NONE);
            mean.setLineColor(ChartCanvas.PRIMARY);
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(steps.max() + 1.0);
        chart.getStyler().setYAxisDecimalPattern("0");
        return Optional.of(chart);
    }

    private static void area(XYChart chart, String name, double[] times, double[] counts) {
        XYSeries series = chart.addSeries(name, times, counts);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(ChartCanvas.SECONDARY);
        series.setFillColor(ChartCanvas.translucent(ChartCanvas.SECONDARY));
    }

    /** One value per interval, plus the last again for the closing edge. */
    private static double[] lastRepeated(double[] values) {
        double[] closed = Arrays.copyOf(values, values.length + 1);
        closed[values.length] = values[values.length - 1];
        return closed;
    }
}
