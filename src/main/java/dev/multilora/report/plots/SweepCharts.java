package dev.multilora.report.plots;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A sweep's charts, in the look of a run's: figures of many runs against one swept value. The
 * sweep decides what to plot; this draws it.
 */
public final class SweepCharts {
    static {
        // As for RunPlots: charts are drawn off screen, and AWT must not look for a display.
        System.setProperty("java.awt.headless", "true");
    }

    /** One point of a chart: x, y, and whether it is marked (on the Pareto front, a probe that met its constraints). */
    public record Dot(double x, double y, boolean marked) {
    }

    private final ChartCanvas canvas;

    public SweepCharts(int width, int height) {
        this.canvas = new ChartCanvas(width, height);
    }

    /** Each series as a line through its dots in x order. */
    public Path lines(String title, String xAxis, String yAxis, Map<String, List<Dot>> series, Path file) {
        XYChart chart = canvas.xy(title, xAxis, yAxis);
        int index = 0;
        for (Map.Entry<String, List<Dot>> entry : series.entrySet()) {
            List<Dot> dots = entry.getValue().stream().sorted(Comparator.comparingDouble(Dot::x)).toList();
            XYSeries line = chart.addSeries(entry.getKey(), dots.stream().mapToDouble(Dot::x).toArray(),
                    dots.stream().mapToDouble(Dot::y).toArray());
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setLineColor(ChartCanvas.series(index));
            line.setMarkerColor(ChartCanvas.series(index++));
        }
        return RunPlots.save(chart, file);
    }

    /** Every run as a dot; the marked ones (the Pareto front) joined by a line. */
    public Path front(String title, String xAxis, String yAxis, List<Dot> dots, String markedLabel, Path file) {
        XYChart chart = canvas.xy(title, xAxis, yAxis);
        XYSeries all = chart.addSeries("runs", dots.stream().mapToDouble(Dot::x).toArray(), dots.stream().mapToDouble(Dot::y).toArray());
        all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        all.setMarkerColor(ChartCanvas.translucent(ChartCanvas.PRIMARY));
        List<Dot> marked = dots.stream().filter(Dot::marked).sorted(Comparator.comparingDouble(Dot::x)).toList();
        if (!marked.isEmpty()) {
            XYSeries line = chart.addSeries(markedLabel, marked.stream().mapToDouble(Dot::x).toArray(),
                    marked.stream().mapToDouble(Dot::y).toArray());
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.DIAMOND);
            line.setLineColor(ChartCanvas.SECONDARY);
            line.setMarkerColor(ChartCanvas.SECONDARY);
        }
        return RunPlots.save(chart, file);
    }

    /** Search probes: per series, the probes that met the constraints in green, the others in red, and the limit as a line. */
    public Path probes(String title, String xAxis, String yAxis, Map<String, List<Dot>> series, Double limit, Path file) {
        XYChart chart = canvas.xy(title, xAxis, yAxis);
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        int index = 0;
        for (Map.Entry<String, List<Dot>> entry : series.entrySet()) {
            for (boolean met : new boolean[] {true, false}) {
                List<Dot> dots = entry.getValue().stream().filter(d -> d.marked() == met).sorted(Comparator.comparingDouble(Dot::x)).toList();
                if (dots.isEmpty()) {
                    continue;
                }
                XYSeries probes = chart.addSeries(entry.getKey() + (met ? " met" : " missed"), dots.stream().mapToDouble(Dot::x).toArray(),
                        dots.stream().mapToDouble(Dot::y).toArray());
                probes.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                probes.setMarker(met ? SeriesMarkers.CIRCLE : SeriesMarkers.CROSS);
                probes.setMarkerColor(met ? ChartCanvas.SUCCESS : ChartCanvas.FAILURE);
                minX = Math.min(minX, dots.get(0).x());
                maxX = Math.max(maxX, dots.get(dots.size() - 1).x());
            }
            index++;
        }
        if (limit != null && index > 0) {
            XYSeries line = chart.addSeries("limit", new double[] {minX, maxX}, new double[] {limit, limit});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(ChartCanvas.SECONDARY);
        }
        return RunPlots.save(chart, file);
    }
}
