package dev.multilora.report.plots;

import dev.multilora.server.metrics.ServerMetricsSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run as it happened, on one time axis in two charts: each request as a bar from sent to
 * done, in the first free lane, coloured by adapter; and below it the adapters the server itself
 * reported running (solid) and waiting (dashed) at each /metrics scrape. Side by side they show
 * requests queueing behind lora.max_loras while their adapter waits for a slot.
 */
final class AdapterTimeline {
    static final String REQUESTS_FILE = "request_timeline.png";
    static final String SERVER_FILE = "server_adapters.png";

    Optional<XYChart> requests(PlotInputs run, ChartCanvas canvas) {
        List<PlotInputs.Bar> bars = run.bars();
        if (bars.isEmpty()) {
            return Optional.empty();
        }
        String title = bars.size() < run.sent() ? "Requests over the run, by adapter (the first " + bars.size() + " of " + run.sent() + ")"
                : "Requests over the run, by adapter";
        XYChart chart = canvas.xy(title, "time since the first request was sent (s)", "lane (a request in flight)");
        Map<String, int[]> lanes = lanes(bars);
        int colour = 0;
        for (String adapter : new TreeSet<>(run.adapters().keySet())) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            int[] laneOf = lanes.get(adapter);
            int i = 0;
            for (PlotInputs.Bar bar : bars) {
                if (!bar.adapter().equals(adapter)) {
                    continue;
                }
                int lane = laneOf[i++];
                x.add(bar.start());
                y.add((double) lane);
                x.add(bar.end());
                y.add((double) lane);
                // A gap: XChart does not join across a NaN, so each request is a bar of its own.
                x.add(bar.end());
                y.add(Double.NaN);
            }
            if (x.isEmpty()) {
                colour++;
                continue;
            }
            XYSeries series = chart.addSeries(adapter, x, y);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(ChartCanvas.series(colour++));
            series.setLineWidth(3f);
        }
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(end(run));
        chart.getStyler().setYAxisDecimalPattern("#");
        return Optional.of(chart);
    }

    Optional<XYChart> serverAdapters(PlotInputs run, List<ServerMetricsSeries.Scrape> scrapes, ChartCanvas canvas) {
        List<ServerMetricsSeries.Scrape> labelled = scrapes.stream()
                .filter(scrape -> scrape.state().runningAdapters() != null && scrape.at() != null).toList();
        if (labelled.size() < 2 || run.phaseStart() == null) {
            return Optional.empty();
        }
        List<String> adapters = new ArrayList<>(new TreeSet<>(run.adapters().keySet()));
        XYChart chart = canvas.xy("Adapters the server was running (solid) and had waiting (dashed, below)",
                "time since the first request was sent (s)", "adapters (one row each)");
        boolean drawn = false;
        for (int index = 0; index < adapters.size(); index++) {
            String adapter = adapters.get(index);
            boolean ran = segments(chart, adapter, labelled, run, adapter, true, index, index, true);
            boolean waited = segments(chart, ran ? adapter + " waiting" : adapter, labelled, run, adapter, false, index - 0.25, index, !ran);
            drawn |= ran || waited;
        }
        if (!drawn) {
            return Optional.empty();
        }
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(end(run));
        chart.getStyler().setYAxisMin(-1.0);
        chart.getStyler().setYAxisMax((double) adapters.size());
        chart.getStyler().setYAxisTicksVisible(false);
        return Optional.of(chart);
    }

    /** One segment from each scrape that lists the adapter to the next scrape; false when none does. */
    private static boolean segments(XYChart chart, String name, List<ServerMetricsSeries.Scrape> scrapes, PlotInputs run,
                                    String adapter, boolean running, double y, int colour, boolean inLegend) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i + 1 < scrapes.size(); i++) {
            String listed = running ? scrapes.get(i).state().runningAdapters() : scrapes.get(i).state().waitingAdapters();
            if (listed != null && Set.of(listed.split(",")).contains(adapter)) {
                xs.add(seconds(run, scrapes.get(i)));
                ys.add(y);
                xs.add(seconds(run, scrapes.get(i + 1)));
                ys.add(y);
                xs.add(seconds(run, scrapes.get(i + 1)));
                ys.add(Double.NaN);
            }
        }
        if (xs.isEmpty()) {
            return false;
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(ChartCanvas.series(colour));
        series.setLineWidth(running ? 4f : 2f);
        if (!running) {
            series.setLineStyle(SeriesLines.DASH_DASH);
        }
        // The legend names each adapter once, by its colour; its waiting line is the dashed one below.
        series.setShowInLegend(inLegend);
        return true;
    }

    private static double seconds(PlotInputs run, ServerMetricsSeries.Scrape scrape) {
        return Duration.between(run.phaseStart(), scrape.at()).toNanos() / 1e9;
    }

    private static double end(PlotInputs run) {
        return run.bars().stream().mapToDouble(PlotInputs.Bar::end).max().orElse(1.0);
    }

    /** The first free lane for each request, in order of sending: lane i holds one request at a time. */
    private static Map<String, int[]> lanes(List<PlotInputs.Bar> bars) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> bars.get(i).start()));
        int[] laneOfBar = new int[bars.size()];
        PriorityQueue<double[]> busy = new PriorityQueue<>(Comparator.comparingDouble(lane -> lane[0]));
        PriorityQueue<Integer> free = new PriorityQueue<>();
        int lanes = 0;
        for (int i : order) {
            PlotInputs.Bar bar = bars.get(i);
            while (!busy.isEmpty() && busy.peek()[0] <= bar.start()) {
                free.add((int) busy.poll()[1]);
            }
            int lane = free.isEmpty() ? lanes++ : free.poll();
            laneOfBar[i] = lane;
            busy.add(new double[] {bar.end(), lane});
        }
        Map<String, int[]> byAdapter = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        bars.forEach(bar -> counts.merge(bar.adapter(), 1, Integer::sum));
        counts.forEach((adapter, count) -> byAdapter.put(adapter, new int[count]));
        Map<String, Integer> next = new LinkedHashMap<>();
        for (int i = 0; i < bars.size(); i++) {
            String adapter = bars.get(i).adapter();
            int position = next.merge(adapter, 1, Integer::sum) - 1;
            byAdapter.get(adapter)[position] = laneOfBar[i];
        }
        return byAdapter;
    }
}
