package dev.multilora.report.plots;

import dev.multilora.metrics.Percentiles;
import java.awt.Color;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Time to first token per adapter, one curve each: where adapters queue behind lora.max_loras or
 * pay a load, their curve leaves the others. Each curve is drawn through its percentiles.
 * Not drawn for a run that did not stream (no TTFT).
 */
final class AdapterTtftCdf implements Plot {
    private static final Color[] PALETTE = {ChartCanvas.PRIMARY, ChartCanvas.SECONDARY, new Color(0x2E7D32), new Color(0x6A1B9A),
        new Color(0x00838F), new Color(0xAD1457), new Color(0x5D4037), new Color(0x9E9D24)};

    @Override
    public String fileName() {
        return "adapter_ttft_cdf.png";
    }

    @Override
    public Optional<Chart<?, ?>> draw(PlotInputs run, ChartCanvas canvas) {
        if (run.adapters().values().stream().allMatch(requests -> requests.ttfts().length == 0)) {
            return Optional.empty();
        }
        XYChart chart = canvas.xy("Time to first token per adapter (successful requests)", "TTFT (ms)", "requests answered within (%)");
        // Every tenth of a percentile, every hundredth above p99; unevenly spaced, which also keeps
        // XChart from putting a y tick at each share.
        double[] shares = DoubleStream.concat(IntStream.rangeClosed(0, 990).mapToDouble(tenths -> tenths / 10.0),
                IntStream.rangeClosed(9_901, 10_000).mapToDouble(hundredths -> hundredths / 100.0)).toArray();
        int[] colour = {0};
        run.adapters().forEach((adapter, requests) -> {
            if (requests.ttfts().length == 0) {
                return;
            }
            Percentiles ttft = Percentiles.of(requests.ttfts());
            double[] millis = Arrays.stream(shares).map(share -> ttft.percentile(share) * 1000).toArray();
            XYSeries curve = chart.addSeries(adapter + " (" + requests.ttfts().length + ")", millis, shares);
            curve.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            curve.setMarker(SeriesMarkers.NONE);
            curve.setLineColor(PALETTE[colour[0]++ % PALETTE.length]);
        });
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        return Optional.of(chart);
    }
}
