package dev.multilora.report.plots;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.internal.chartpart.Chart;

/** Measured requests per adapter, successes stacked under failures, so a failing adapter stands out. */
final class AdapterOutcomeBars implements Plot {

    @Override
    public String fileName() {
        return "adapter_requests.png";
    }

    @Override
    public Optional<Chart<?, ?>> draw(PlotInputs run, ChartCanvas canvas) {
        Map<String, PlotInputs.AdapterRequests> byAdapter = run.adapters();
        if (byAdapter.isEmpty()) {
            return Optional.empty();
        }
        List<String> adapters = new ArrayList<>(byAdapter.keySet());
        List<Integer> successful = adapters.stream().map(a -> byAdapter.get(a).successful()).toList();
        List<Integer> failed = adapters.stream().map(a -> byAdapter.get(a).failed()).toList();
        CategoryChart chart = canvas.category("Requests per adapter", "adapter", "measured requests");
        chart.addSeries("successful", adapters, successful).setFillColor(ChartCanvas.SUCCESS);
        chart.addSeries("failed", adapters, failed).setFillColor(ChartCanvas.FAILURE);
        chart.getStyler().setStacked(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0");
        chart.getStyler().setAvailableSpaceFill(0.6);
        AdapterAxis.fit(chart, adapters);
        return Optional.of(chart);
    }
}
