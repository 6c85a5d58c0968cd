package dev.multilora.report.plots;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Time per output token per adapter, one curve each: how decoding went once a request had its
 * first token (a batch of mixed adapters decodes more slowly than one of a single adapter). Not
 * drawn for a run that did not stream, or whose requests had one token each (no TPOT).
 */
final class AdapterTpotCdf implements Plot {

    @Override
    public String fileName() {
        return "adapter_tpot_cdf.png";
    }

    @Override
    public Optional<Chart<?, ?>> draw(PlotInputs run, ChartCanvas canvas) {
        Map<String, double[]> tpots = new LinkedHashMap<>();
        run.adapters().forEach((adapter, requests) -> tpots.put(adapter, requests.tpots()));
        return CdfCurves.draw(canvas, "Time per output token per adapter (successful requests)", "TPOT", tpots);
    }
}
