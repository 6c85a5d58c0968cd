package dev.multilora.report.plots;

import dev.multilora.server.metrics.ServerMetricsSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The server's own queue as its /metrics reported it: requests running and waiting at each scrape.
 * Waiting requests beside a busy client say the server, not the client, set the pace.
 */
final class ServerQueueOverTime {

    String fileName() {
        return "server_queue.png";
    }

    /** Empty without at least two scrapes that report the queue: one point is not a line. */
    Optional<XYChart> draw(List<ServerMetricsSeries.Scrape> scrapes, ChartCanvas canvas) {
        List<Double> times = new ArrayList<>();
        List<Double> running = new ArrayList<>();
        List<Double> waiting = new ArrayList<>();
        for (ServerMetricsSeries.Scrape scrape : scrapes) {
            if (scrape.state().running() != null && scrape.state().waiting() != null) {
                times.add(scrape.seconds());
                running.add(scrape.state().running());
                waiting.add(scrape.state().waiting());
            }
        }
        if (times.size() < 2) {
            return Optional.empty();
        }
        XYChart chart = canvas.xy("Server queue (vLLM /metrics)", "time since the first scrape (s)", "requests");
        line(chart, "running", times, running).setLineColor(ChartCanvas.PRIMARY);
        line(chart, "waiting", times, waiting).setLineColor(ChartCanvas.SECONDARY);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0");
        return Optional.of(chart);
    }

    private static XYSeries line(XYChart chart, String name, List<Double> times, List<Double> values) {
        XYSeries series = chart.addSeries(name, times, values);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.CIRCLE);
        return series;
    }
}
