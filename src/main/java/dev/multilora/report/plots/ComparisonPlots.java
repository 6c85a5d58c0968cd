package dev.multilora.report.plots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs side by side: each run's TTFT and E2EL distribution as one curve on a shared chart. */
public final class ComparisonPlots {
    static {
        // As for RunPlots: charts are drawn off screen, and AWT must not look for a display.
        System.setProperty("java.awt.headless", "true");
    }

    private final ChartCanvas canvas;

    public ComparisonPlots(int width, int height) {
        this.canvas = new ChartCanvas(width, height);
    }

    /**
     * @param ttft and e2el: each run's successful requests, in seconds, by run name
     * @return the files written, relative names in {@code folder}
     */
    public List<Path> write(Map<String, double[]> ttft, Map<String, double[]> e2el, Path folder) {
        List<Path> written = new ArrayList<>();
        CdfCurves.draw(canvas, "Time to first token, run by run", "TTFT", ttft)
                .ifPresent(chart -> written.add(RunPlots.save(chart, folder.resolve("ttft_cdf.png"))));
        CdfCurves.draw(canvas, "End-to-end latency, run by run", "E2EL", e2el)
                .ifPresent(chart -> written.add(RunPlots.save(chart, folder.resolve("e2el_cdf.png"))));
        return written;
    }
}
