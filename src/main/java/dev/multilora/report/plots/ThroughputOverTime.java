package dev.multilora.report.plots;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Successful completions per second, counted in buckets of one second, or of a wider round
 * number of seconds when the run is too long for one-second buckets to be told apart.
 */
final class ThroughputOverTime implements Plot {

    @Override
    public String fileName() {
        return "throughput.png";
    }

    @Override
    public Optional<Chart<?, ?>> draw(PlotInputs run, ChartCanvas canvas) {
        RunTimeline timeline = run.timeline();
        if (timeline.isEmpty()) {
            return Optional.empty();
        }
        double width = RoundIntervals.widthFor(timeline.length());
        int[] perBucket = timeline.completions(width);
        // One more point than buckets, so the step of the last bucket is drawn to its end.
        double[] seconds = IntStream.rangeClosed(0, perBucket.length).mapToDouble(i -> i * width).toArray();
        double[] perSecond = IntStream.rangeClosed(0, perBucket.length)
                .mapToDouble(i -> perBucket[Math.min(i, perBucket.length - 1)] / width).toArray();
        XYChart chart = canvas.xy("Throughput over the run", "time since the first request (s)", "successful completions (req/s)");
        XYSeries series = chart.addSeries("completions per " + SecondsFormat.of(width) + "-second bucket", seconds, perSecond);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(ChartCanvas.PRIMARY);
        series.setFillColor(ChartCanvas.translucent(ChartCanvas.PRIMARY));
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(Math.max(1.0, Arrays.stream(perSecond).max().orElse(0) * 1.1));
        return Optional.of(chart);
    }
}
