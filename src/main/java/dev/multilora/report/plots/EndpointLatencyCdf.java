package dev.multilora.report.plots;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * End-to-end latency per server of a fleet (server.urls), one curve each: a server that is slower,
 * or holds the slower adapters under adapter affinity, stands apart. Drawn only for a fleet.
 */
final class EndpointLatencyCdf implements Plot {

    @Override
    public String fileName() {
        return "endpoint_latency_cdf.png";
    }

    @Override
    public Optional<Chart<?, ?>> draw(PlotInputs run, ChartCanvas canvas) {
        if (run.endpoints().size() < 2) {
            return Optional.empty();
        }
        Map<String, double[]> latencies = new LinkedHashMap<>();
        run.endpoints().forEach((url, requests) -> latencies.put(url, requests.latencies()));
        return CdfCurves.draw(canvas, "End-to-end latency per server (successful requests)", "E2EL", latencies);
    }
}
