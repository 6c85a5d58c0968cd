package dev.multilora.report.plots;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.internal.chartpart.Chart;

/** How successful requests' latencies spread, in equal-width bins. */
final class LatencyHistogram implements Plot {
    private static final int MAX_BINS = 30;

    @Override
    public String fileName() {
        return "latency_histogram.png";
    }

    @Override
    public Optional<Chart<?, ?>> draw(PlotInputs run, ChartCanvas canvas) {
        double[] latencies = run.latencies();
        if (latencies.length == 0) {
            return Optional.empty();
        }
        // About one bin per square root of the samples: coarse enough that few samples still form a shape.
        int bins = Math.max(1, Math.min(MAX_BINS, (int) Math.ceil(Math.sqrt(latencies.length))));
        double min = latencies[0];
        double max = latencies[latencies.length - 1];
        // A run whose latencies are all equal still gets a bin of visible width.
        double width = max > min ? (max - min) / bins : Math.max(min, 1e-3) / 10;
        int[] counts = new int[bins];
        for (double latency : latencies) {
            counts[Math.min(bins - 1, (int) ((latency - min) / width))]++;
        }
        List<String> labels = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        for (int bin = 0; bin < bins; bin++) {
            labels.add(SecondsFormat.of(min + (bin + 0.5) * width));
            values.add(counts[bin]);
        }
        CategoryChart chart = canvas.category("Latency of successful requests", "latency, bin centre (s)", "requests");
        CategorySeries series = chart.addSeries("successful requests (" + latencies.length + ")", labels, values);
        series.setFillColor(ChartCanvas.PRIMARY);
        chart.getStyler().setAvailableSpaceFill(0.95);
        chart.getStyler().setYAxisDecimalPattern("0");
        chart.getStyler().setXAxisLabelRotation(labels.size() > 12 ? 45 : 0);
        return Optional.of(chart);
    }
}
