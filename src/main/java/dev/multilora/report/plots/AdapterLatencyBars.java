package dev.multilora.report.plots;

import dev.multilora.metrics.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.internal.chartpart.Chart;

/** Median and tail latency side by side for each adapter that answered at least once. */
final class AdapterLatencyBars implements Plot {

    @Override
    public String fileName() {
        return "adapter_latency.png";
    }

    @Override
    public Optional<Chart<?, ?>> draw(PlotInputs run, ChartCanvas canvas) {
        Map<String, Percentiles> byAdapter = new TreeMap<>();
        run.adapters().forEach((adapter, requests) -> {
            if (requests.successful() > 0) {
                byAdapter.put(adapter, Percentiles.of(requests.latencies()));
            }
        });
        if (byAdapter.isEmpty()) {
            return Optional.empty();
        }
        List<String> adapters = new ArrayList<>(byAdapter.keySet());
        List<Double> p50 = adapters.stream().map(a -> byAdapter.get(a).percentile(50)).toList();
        List<Double> p95 = adapters.stream().map(a -> byAdapter.get(a).percentile(95)).toList();
        CategoryChart chart = canvas.category("Latency per adapter (successful requests)", "adapter", "latency (s)");
        chart.addSeries("p50", adapters, p50).setFillColor(ChartCanvas.PRIMARY);
        chart.addSeries("p95", adapters, p95).setFillColor(ChartCanvas.SECONDARY);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(SecondsFormat::of);
        chart.getStyler().setAvailableSpaceFill(0.6);
        AdapterAxis.fit(chart, adapters);
        return Optional.of(chart);
    }
}
