package dev.multilora.report.plots;

import dev.multilora.metrics.Percentiles;
import dev.multilora.metrics.RequestRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The share of successful requests answered within each latency, with results.json's p50, p95 and
 * p99 marked on it, so the summary's percentiles can be found on the curve.
 */
final class LatencyCdf implements Plot {
    private static final List<Double> MARKED_PERCENTILES = List.of(50.0, 95.0, 99.0);

    @Override
    public String fileName() {
        return "latency_cdf.png";
    }

    @Override
    public Optional<Chart<?, ?>> draw(List<RequestRecord> records, ChartCanvas canvas) {
        List<Double> latencies = SuccessfulLatencies.sorted(records);
        if (latencies.isEmpty()) {
            return Optional.empty();
        }
        int n = latencies.size();
        // Each latency is a vertical rise from the share below it to the share including it.
        List<Double> times = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            times.add(latencies.get(i));
            shares.add(100.0 * i / n);
            times.add(latencies.get(i));
            shares.add(100.0 * (i + 1) / n);
        }
        XYChart chart = canvas.xy("Latency CDF of successful requests", "latency (s)", "requests answered within (%)");
        XYSeries curve = chart.addSeries("successful requests (" + n + ")", times, shares);
        curve.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        curve.setMarker(SeriesMarkers.NONE);
        curve.setLineColor(ChartCanvas.PRIMARY);
        // The markers also keep XChart from putting a y tick at every one of the evenly spaced shares.
        Percentiles percentiles = new Percentiles(latencies);
        List<Double> marked = MARKED_PERCENTILES.stream().map(percentiles::percentile).toList();
        XYSeries markers = chart.addSeries("p50, p95, p99 (as in results.json)", marked, MARKED_PERCENTILES);
        markers.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        markers.setMarker(SeriesMarkers.DIAMOND);
        markers.setMarkerColor(ChartCanvas.SECONDARY);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(SecondsFormat::of);
        return Optional.of(chart);
    }
}
