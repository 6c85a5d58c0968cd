package dev.multilora.report.plots;

import dev.multilora.metrics.Percentiles;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Several distributions on one chart, one CDF curve each (adapters of a run, or runs side by
 * side), in milliseconds. Each curve is drawn through every tenth of a percentile and every
 * hundredth above p99: unevenly spaced, which also keeps XChart from putting a y tick at each.
 */
final class CdfCurves {
    private static final double[] SHARES = DoubleStream.concat(IntStream.rangeClosed(0, 990).mapToDouble(tenths -> tenths / 10.0),
            IntStream.rangeClosed(9_901, 10_000).mapToDouble(hundredths -> hundredths / 100.0)).toArray();

    private CdfCurves() {
    }

    /** @param seconds the samples of each curve, by its legend name, in seconds; curves without samples are left out */
    static Optional<Chart<?, ?>> draw(ChartCanvas canvas, String title, String axis, Map<String, double[]> seconds) {
        Map<String, Curve> curves = new LinkedHashMap<>();
        seconds.forEach((name, samples) -> {
            Percentiles sorted = Percentiles.of(samples);
            curves.put(name, new Curve(samples.length, sorted::percentile));
        });
        return drawCurves(canvas, title, axis, "requests", curves);
    }

    /** A distribution known by its quantiles: how many samples it has, and the value at a percentile, in seconds. */
    record Curve(long count, DoubleUnaryOperator secondsAtPercentile) {
    }

    /**
     * @param counted what the samples are ("requests", "gaps"), for the y axis
     * @param curves each curve by its legend name; curves without samples are left out
     */
    static Optional<Chart<?, ?>> drawCurves(ChartCanvas canvas, String title, String axis, String counted, Map<String, Curve> curves) {
        if (curves.values().stream().allMatch(curve -> curve.count() == 0)) {
            return Optional.empty();
        }
        XYChart chart = canvas.xy(title, axis + " (ms)", counted + " at or below (%)");
        int colour = 0;
        for (Map.Entry<String, Curve> curve : curves.entrySet()) {
            if (curve.getValue().count() == 0) {
                continue;
            }
            DoubleUnaryOperator seconds = curve.getValue().secondsAtPercentile();
            double[] millis = Arrays.stream(SHARES).map(share -> seconds.applyAsDouble(share) * 1000).toArray();
            XYSeries series = chart.addSeries(curve.getKey() + " (" + curve.getValue().count() + ")", millis, SHARES);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(ChartCanvas.series(colour++));
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        return Optional.of(chart);
    }
}
