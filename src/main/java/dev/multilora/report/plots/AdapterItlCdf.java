package dev.multilora.report.plots;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The gaps between successive tokens of each adapter's streams, one curve each: where TPOT is a
 * mean per request, this shows the stalls inside streams (a batch pausing to load an adapter, a
 * long prefill joining the batch). Drawn from the run's ITL histograms; not drawn without streams.
 */
final class AdapterItlCdf {
    static final String FILE = "adapter_itl_cdf.png";

    Optional<Chart<?, ?>> draw(SortedMap<String, Histogram> gapNanosByAdapter, ChartCanvas canvas) {
        Map<String, CdfCurves.Curve> curves = new LinkedHashMap<>();
        gapNanosByAdapter.forEach((adapter, nanos) -> curves.put(adapter,
                new CdfCurves.Curve(nanos.getTotalCount(), share -> nanos.getValueAtPercentile(share) / 1e9)));
        return CdfCurves.drawCurves(canvas, "Inter-token latency per adapter (gaps between tokens of streamed responses)", "ITL",
                "gaps", curves);
    }
}
