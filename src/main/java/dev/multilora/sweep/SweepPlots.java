package dev.multilora.sweep;

import dev.multilora.config.Setting;
import dev.multilora.report.plots.SweepCharts;
import dev.multilora.report.plots.SweepCharts.Dot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The sweep's plots, from its summary rows (finished runs only): throughput against p99 latency
 * with the Pareto front, and, when the sweep varies them, TTFT against the number of adapters, the
 * worst adapter's p95 TTFT against lora.max_loras, goodput against the request rate, and a search's
 * probes. Repeats of one value are averaged; every other swept key makes its own line.
 */
final class SweepPlots {
    static final String FRONT = "throughput_vs_p99_latency.png";
    static final String ADAPTERS = "ttft_vs_adapters.png";
    static final String MAX_LORAS = "adapter_p95_ttft_vs_max_loras.png";
    static final String RATE = "goodput_vs_rate.png";
    static final String PROBES = "capacity_probes.png";
    /** Keys that only change the number of adapters: lines are not drawn per value of these on the adapters plot. */
    private static final Set<String> ADAPTER_COUNT_KEYS = Set.of(Setting.LORA_COPIES.key(), Setting.ADAPTERS_DIR.key());

    private final SweepCharts charts = new SweepCharts(800, 500);

    List<Path> write(SweepExecution execution, List<Map<String, Object>> rows, Path folder) {
        List<Map<String, Object>> done = rows.stream()
                .filter(row -> "completed".equals(row.get("status")) || "stopped".equals(row.get("status"))).toList();
        List<Path> written = new ArrayList<>();
        if (done.isEmpty()) {
            return written;
        }
        List<String> keys = execution.plan().identityKeys();
        List<Dot> throughput = new ArrayList<>();
        for (Map<String, Object> row : done) {
            Double x = number(row.get("p99_e2el_ms"));
            Double y = number(row.get("output_throughput"));
            if (x != null && y != null) {
                throughput.add(new Dot(x, y, false));
            }
        }
        if (!throughput.isEmpty()) {
            written.add(charts.front("Throughput against p99 latency, run by run", "E2EL p99 (ms)", "output tokens/s",
                    paretoMarked(throughput), "Pareto front", folder.resolve(FRONT)));
        }
        if (distinct(done, SummaryRows.ADAPTERS) > 1) {
            Map<String, List<Dot>> series = new LinkedHashMap<>();
            averaged(done, keys, ADAPTER_COUNT_KEYS, SummaryRows.ADAPTERS, "p50_ttft_ms").forEach((label, dots) -> series.put("p50 " + label, dots));
            averaged(done, keys, ADAPTER_COUNT_KEYS, SummaryRows.ADAPTERS, "p99_ttft_ms").forEach((label, dots) -> series.put("p99 " + label, dots));
            written.add(charts.lines("TTFT against the number of adapters", "adapters", "TTFT (ms)", series, folder.resolve(ADAPTERS)));
        }
        String maxLoras = Setting.MAX_LORAS.key();
        if (keys.contains(maxLoras) && distinct(done, maxLoras) > 1) {
            written.add(charts.lines("Worst adapter's p95 TTFT against max_loras", "lora.max_loras", "p95 TTFT of the worst adapter (ms)",
                    averaged(done, keys, Set.of(), maxLoras, SummaryRows.WORST_P95_TTFT), folder.resolve(MAX_LORAS)));
        }
        String rate = Setting.REQUEST_RATE.key();
        if (keys.contains(rate) && distinct(done, rate) > 1 && done.stream().anyMatch(row -> row.get("request_goodput") != null)) {
            written.add(charts.lines("Goodput against the request rate", "benchmark.request_rate (req/s)", "goodput (req/s)",
                    averaged(done, keys, Set.of(), rate, "request_goodput"), folder.resolve(RATE)));
        }
        CapacitySearch search = execution.plan().search();
        if (search != null) {
            Constraint first = search.constraints().get(0);
            Map<String, List<Dot>> probes = new LinkedHashMap<>();
            for (SweepRun run : execution.runs()) {
                Double y = run.results() == null ? null : Figures.read(run.results(), first.figure());
                if (run.probe() != null && y != null) {
                    probes.computeIfAbsent(run.point().label(), l -> new ArrayList<>())
                            .add(new Dot(run.probe(), y, Boolean.TRUE.equals(execution.meetsConstraints(run))));
                }
            }
            if (!probes.isEmpty()) {
                written.add(charts.probes("Capacity search probes (" + search.constraints().stream().map(Constraint::toString)
                        .collect(Collectors.joining(", ")) + ")", search.variable(), first.figure(), probes, first.limit(), folder.resolve(PROBES)));
            }
        }
        return written;
    }

    /** Dots no other dot beats on both counts (lower latency and higher throughput) are marked. */
    static List<Dot> paretoMarked(List<Dot> dots) {
        List<Dot> marked = new ArrayList<>();
        for (Dot dot : dots) {
            boolean dominated = dots.stream().anyMatch(other -> other.x() <= dot.x() && other.y() >= dot.y()
                    && (other.x() < dot.x() || other.y() > dot.y()));
            marked.add(new Dot(dot.x(), dot.y(), !dominated));
        }
        return marked;
    }

    /** One line per combination of the other swept keys: the mean of y over the runs at each x. */
    private static Map<String, List<Dot>> averaged(List<Map<String, Object>> rows, List<String> keys, Set<String> ignored,
                                                   String xColumn, String yColumn) {
        Map<String, TreeMap<Double, List<Double>>> byLine = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            Double x = number(row.get(xColumn));
            Double y = number(row.get(yColumn));
            if (x == null || y == null) {
                continue;
            }
            String label = keys.stream().filter(k -> !k.equals(xColumn) && !ignored.contains(k))
                    .map(k -> k.substring(k.lastIndexOf('.') + 1) + "=" + row.get(k)).collect(Collectors.joining(", "));
            byLine.computeIfAbsent(label.isEmpty() ? "all runs" : label, l -> new TreeMap<>()).computeIfAbsent(x, v -> new ArrayList<>()).add(y);
        }
        Map<String, List<Dot>> lines = new LinkedHashMap<>();
        byLine.forEach((label, points) -> lines.put(label, points.entrySet().stream()
                .map(e -> new Dot(e.getKey(), e.getValue().stream().mapToDouble(Double::doubleValue).average().orElseThrow(), false))
                .toList()));
        return lines;
    }

    private static long distinct(List<Map<String, Object>> rows, String column) {
        return rows.stream().map(row -> row.get(column)).filter(v -> v != null).distinct().count();
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
