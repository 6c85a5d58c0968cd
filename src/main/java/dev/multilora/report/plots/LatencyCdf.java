package dev.multilora.report.plots;

import dev.multilora.metrics.Percentiles;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The share of successful requests answered within each latency, with results.json's p50, p95 and
 * p99 marked on it, so the summary's percentiles can be found on the curve. Up to
 * {@link #MAX_STEPS} requests each is a step of the curve; beyond, the curve is drawn through
 * every tenth of a percentile and every hundredth above p99, where the tail stretches out: a
 * chart's width cannot tell that from the steps, and the curve passes exactly through the marks.
 */
final class LatencyCdf implements Plot {
    static final int MAX_STEPS = 1_000;
    private static final List<Double> MARKED_PERCENTILES = List.of(50.0, 95.0, 99.0);

    @Override
    public String fileName() {
        return "latency_cdf.png";
    }

    @Override
    public Optional<Chart<?, ?>> draw(PlotInputs run, ChartCanvas canvas) {
        double[] latencies = run.latencies();
        if (latencies.length == 0) {
            return Optional.empty();
        }
        Percentiles percentiles = Percentiles.of(latencies);
        int n = latencies.length;
        XYChart chart = canvas.xy("Latency CDF of successful requests", "latency (s)", "requests answered within (%)");
        XYSeries curve = n <= MAX_STEPS
                ? chart.addSeries("successful requests (" + n + ")", stepTimes(latencies), stepShares(n))
                : quantileCurve(chart, "successful requests (" + n + ", drawn through 1,091 quantiles)", percentiles);
        curve.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        curve.setMarker(SeriesMarkers.NONE);
        curve.setLineColor(ChartCanvas.PRIMARY);
        // The markers also keep XChart from putting a y tick at every one of the evenly spaced shares.
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

    /** Each latency is a vertical rise from the share below it to the share including it. */
    private static double[] stepTimes(double[] sorted) {
        double[] times = new double[2 * sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            times[2 * i] = sorted[i];
            times[2 * i + 1] = sorted[i];
        }
        return times;
    }

    private static double[] stepShares(int n) {
        double[] shares = new double[2 * n];
        for (int i = 0; i < n; i++) {
            shares[2 * i] = 100.0 * i / n;
            shares[2 * i + 1] = 100.0 * (i + 1) / n;
        }
        return shares;
    }

    /** Unevenly spaced shares also keep XChart from putting a y tick at every one of them. */
    private static XYSeries quantileCurve(XYChart chart, String name, Percentiles percentiles) {
        double[] shares = DoubleStream.concat(IntStream.rangeClosed(0, 990).mapToDouble(tenths -> tenths / 10.0),
                IntStream.rangeClosed(9_901, 10_000).mapToDouble(hundredths -> hundredths / 100.0)).toArray();
        double[] times = Arrays.stream(shares).map(percentiles::percentile).toArray();
        return chart.addSeries(name, times, shares);
    }
}
