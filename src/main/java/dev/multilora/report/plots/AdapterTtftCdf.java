package dev.multilora.report.plots;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Time to first token per adapter, one curve each: where adapters queue behind lora.max_loras or
 * pay a load, their curve leaves the others. Not drawn for a run that did not stream (no TTFT).
 */
final class AdapterTtftCdf implements Plot {

    @Override
    public String fileName() {
        return "adapter_ttft_cdf.png";
    }

    @Override
    public Optional<Chart<?, ?>> draw(PlotInputs run, ChartCanvas canvas) {
        Map<String, double[]> ttfts = new LinkedHashMap<>();
        run.adapters().forEach((adapter, requests) -> ttfts.put(adapter, requests.ttfts()));
        return CdfCurves.draw(canvas, "Time to first token per adapter (successful requests)", "TTFT", ttfts);
    }
}
