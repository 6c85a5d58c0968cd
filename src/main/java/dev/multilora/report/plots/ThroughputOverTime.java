package dev.multilora.report.plots;

import dev.multilora.metrics.RequestRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Successful completions per one-second bucket, to show whether throughput held steady over the run. */
final class ThroughputOverTime implements Plot {

    @Override
    public String fileName() {
        return "throughput.png";
    }

    @Override
    public Optional<Chart<?, ?>> draw(List<RequestRecord> records, ChartCanvas canvas) {
        RunTimeline timeline = RunTimeline.of(records);
        if (timeline.isEmpty()) {
            return Optional.empty();
        }
        int[] perSecond = timeline.completionsPerSecond();
        // One more point than buckets, so the step of the last bucket is drawn to its end.
        double[] seconds = IntStream.rangeClosed(0, perSecond.length).asDoubleStream().toArray();
        double[] completions = IntStream.rangeClosed(0, perSecond.length)
                .mapToDouble(i -> perSecond[Math.min(i, perSecond.length - 1)]).toArray();
        XYChart chart = canvas.xy("Throughput over the run", "time since the first request (s)", "successful completions (req/s)");
        XYSeries series = chart.addSeries("completions per 1-second bucket", seconds, completions);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(ChartCanvas.PRIMARY);
        series.setFillColor(ChartCanvas.translucent(ChartCanvas.PRIMARY));
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(Math.max(1.0, Arrays.stream(perSecond).max().orElse(0) * 1.1));
        return Optional.of(chart);
    }
}
