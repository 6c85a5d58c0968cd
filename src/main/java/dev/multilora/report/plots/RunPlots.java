package dev.multilora.report.plots;

import dev.multilora.metrics.RequestRecord;
import dev.multilora.server.metrics.ServerMetricsSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Renders a run's charts as PNG files, in report order. A chart with nothing to show is not
 * written at all, so every file in the folder is a complete picture.
 */
public final class RunPlots {
    static {
        // Charts are drawn off screen; on a server without a display AWT must not look for one.
        System.setProperty("java.awt.headless", "true");
    }

    private final ChartCanvas canvas;
    private final Plot adapterTtft = new AdapterTtftCdf();
    private final AdapterTimeline timeline = new AdapterTimeline();
    private final Plot adapterTpot = new AdapterTpotCdf();
    private final AdapterItlCdf adapterItl = new AdapterItlCdf();
    private final List<Plot> plots = List.of(new LatencyHistogram(), new LatencyCdf(), new AdapterLatencyBars(),
            new AdapterOutcomeBars(), new EndpointLatencyCdf(), new ThroughputOverTime(), new InFlightOverTime());
    private final ServerQueueOverTime serverQueue = new ServerQueueOverTime();

    public RunPlots(int width, int height) {
        this.canvas = new ChartCanvas(width, height);
    }

    /**
     * @param gapNanosByAdapter the gaps between tokens of each adapter's measured streams
     * @param serverScrapes the server's /metrics over the run; empty when it had none
     * @return the files written, in report order
     */
    public List<Path> write(List<RequestRecord> records, SortedMap<String, Histogram> gapNanosByAdapter,
                            List<ServerMetricsSeries.Scrape> serverScrapes, Path folder) {
        PlotInputs run = PlotInputs.of(records);
        List<Path> written = new ArrayList<>();
        adapterTtft.draw(run, canvas).ifPresent(chart -> written.add(save(chart, folder.resolve(adapterTtft.fileName()))));
        timeline.requests(run, canvas).ifPresent(chart -> written.add(save(chart, folder.resolve(AdapterTimeline.REQUESTS_FILE))));
        timeline.serverAdapters(run, serverScrapes, canvas)
                .ifPresent(chart -> written.add(save(chart, folder.resolve(AdapterTimeline.SERVER_FILE))));
        adapterTpot.draw(run, canvas).ifPresent(chart -> written.add(save(chart, folder.resolve(adapterTpot.fileName()))));
        adapterItl.draw(gapNanosByAdapter, canvas).ifPresent(chart -> written.add(save(chart, folder.resolve(AdapterItlCdf.FILE))));
        for (Plot plot : plots) {
            Optional<Chart<?, ?>> chart = plot.draw(run, canvas);
            if (chart.isPresent()) {
                written.add(save(chart.get(), folder.resolve(plot.fileName())));
            }
        }
        serverQueue.draw(serverScrapes, canvas)
                .ifPresent(chart -> written.add(save(chart, folder.resolve(serverQueue.fileName()))));
        return written;
    }

    static Path save(Chart<?, ?> chart, Path file) {
        try {
            // Encoded in memory first: a chart that fails to render leaves no half-written file behind.
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            Files.createDirectories(file.getParent());
            return Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + file, e);
        }
    }
}
