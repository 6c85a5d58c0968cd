package dev.multilora.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multilora.report.html.SweepPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The sweep folder's own files: sweep.json (the plan), summary.csv and summary.json (one row per
 * run, rewritten after every run so an interruption keeps every finished one) and, at the end, the
 * plots and sweep.html. Each file is written beside its place and renamed over it: a reader never sees half of one.
 */
public final class SweepReport {
    static final String PLAN = "sweep.json";
    static final String SUMMARY_CSV = "summary.csv";
    static final String SUMMARY_JSON = "summary.json";
    static final String PAGE = "sweep.html";
    /** The figures sweep.html shows per run; summary.csv has them all. */
    private static final List<String> PAGE_FIGURES = List.of("request_throughput", "output_throughput", "p50_ttft_ms", "p99_ttft_ms",
            "p99_e2el_ms", SummaryRows.WORST_ADAPTER, SummaryRows.WORST_P95_TTFT, "jain_index_mean_ttft");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SweepPlots plots = new SweepPlots();

    static ObjectNode plan(SweepPlan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", plan.name());
        root.put("sweep_file", plan.sweepFile().toString());
        root.put("config_file", plan.configFile().toString());
        root.put("dataset", plan.dataset() == null ? null : plan.dataset().toString());
        root.put("repeats", plan.repeats());
        root.set("overrides", JSON.valueToTree(plan.overrides()));
        root.set("swept_keys", JSON.valueToTree(plan.sweptKeys()));
        root.put("server_combinations", plan.serverCombinations());
        ArrayNode points = root.putArray("points");
        for (SweepPoint point : plan.points()) {
            ObjectNode entry = points.addObject();
            entry.put("point", point.number());
            entry.put("server_combination", point.serverCombination());
            entry.put("adapters", point.adapters());
            entry.set("values", JSON.valueToTree(point.values()));
        }
        if (plan.search() != null) {
            ObjectNode search = root.putObject("search");
            search.put("variable", plan.search().variable());
            search.put("low", plan.search().low());
            search.put("high", plan.search().high());
            search.put("tolerance", plan.search().tolerance());
            ArrayNode constraints = search.putArray("constraints");
            plan.search().constraints().forEach(c -> constraints.add(c.toString()));
        }
        return root;
    }

    void writePlan(SweepPlan plan, Path folder) {
        write(folder.resolve(PLAN), out -> out.write(JSON.writeValueAsString(plan(plan))));
    }

    /** summary.csv and summary.json as the sweep stands. */
    public void summary(SweepExecution execution) {
        List<Map<String, Object>> rows = SummaryRows.of(execution);
        List<String> columns = SummaryRows.columns(execution.plan());
        write(execution.folder().resolve(SUMMARY_CSV), out -> {
            try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(columns.toArray(String[]::new)).get())) {
                for (Map<String, Object> row : rows) {
                    List<Object> cells = new ArrayList<>();
                    columns.forEach(column -> cells.add(row.get(column) == null ? "" : row.get(column)));
                    csv.printRecord(cells);
                }
            }
        });
        ObjectNode root = JSON.createObjectNode();
        root.put("sweep", execution.plan().name());
        root.put("folder", execution.folder().toString());
        root.put("status", execution.ended() ? execution.status().label() : "running");
        root.put("interrupted", execution.interrupted());
        if (execution.stopReason() != null) {
            root.put("stop_reason", execution.stopReason());
        }
        root.set("rows", JSON.valueToTree(rows));
        if (execution.plan().search() != null) {
            ArrayNode capacity = root.putArray("capacity");
            for (CapacityResult result : execution.capacities()) {
                ObjectNode entry = capacity.addObject();
                entry.put("point", result.point().number());
                entry.set("values", JSON.valueToTree(result.point().values()));
                entry.put("variable", execution.plan().search().variable());
                entry.put("highest_passing", result.result().highest());
                entry.put("bound", result.result().bound());
                entry.put("finished", result.finished());
                ArrayNode probes = entry.putArray("probes");
                result.result().probes().forEach(p -> probes.addObject().put("value", p.value()).put("met", p.passed()));
            }
        }
        write(execution.folder().resolve(SUMMARY_JSON), out -> out.write(JSON.writeValueAsString(root)));
    }

    /** The plots, once the sweep is over (or interrupted), in plots/. */
    public List<Path> plots(SweepExecution execution) {
        return plots.write(execution, SummaryRows.of(execution), execution.folder().resolve("plots"));
    }

    /** sweep.html: how it ended, its runs (each linked to its report), a search's capacity table and the plots. */
    public Path page(SweepExecution execution, List<Path> plotFiles) {
        SweepPlan plan = execution.plan();
        List<String> columns = new ArrayList<>(List.of("run", "status"));
        columns.addAll(plan.identityKeys());
        columns.add(SummaryRows.ADAPTERS);
        if (plan.search() != null) {
            columns.add("meets_constraints");
        }
        columns.addAll(PAGE_FIGURES);
        List<List<String>> rows = SummaryRows.of(execution).stream()
                .map(row -> columns.stream().map(column -> cell(row.get(column))).toList())
                .toList();
        long kept = execution.runs().stream().filter(SweepRun::reused).count();
        List<String> facts = new ArrayList<>(List.of(
                "status " + execution.status().label() + (execution.stopReason() == null ? "" : " (" + execution.stopReason() + ")")
                        + " \u00b7 " + rows.size() + " runs" + (kept > 0 ? ", " + kept + " kept from an earlier attempt" : ""),
                "sweep file " + plan.sweepFile(),
                "base config " + plan.configFile() + " \u00b7 dataset " + (plan.dataset() == null ? "benchmark.dataset_path" : plan.dataset())));
        if (!plan.overrides().isEmpty()) {
            facts.add("every run " + plan.overrides().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        List<String> plotNames = plotFiles.stream().map(plot -> execution.folder().relativize(plot).toString()).toList();
        Path page = execution.folder().resolve(PAGE);
        String html = new SweepPage().render(plan.name(), facts, new SweepPage.Table(columns, rows), capacityTable(execution), plotNames);
        write(page, out -> out.write(html));
        return page;
    }

    private static SweepPage.Table capacityTable(SweepExecution execution) {
        if (execution.plan().search() == null) {
            return null;
        }
        CapacitySearch search = execution.plan().search();
        List<List<String>> rows = execution.capacities().stream().map(capacity -> List.of(
                capacity.point().label(),
                capacity.result().highest() == null ? "none in the bounds" : search.valueText(capacity.result().highest()),
                "high".equals(capacity.result().bound()) ? "the high bound: it may sustain more" : capacity.finished() ? "" : "cut short",
                capacity.result().probes().stream().map(probe -> search.valueText(probe.value()) + (probe.passed() ? " met" : " missed"))
                        .collect(Collectors.joining(", ")))).toList();
        return new SweepPage.Table(List.of("point", "highest " + search.variable() + " meeting " + search.constraints().stream()
                .map(Object::toString).collect(Collectors.joining(" and ")), "note", "probes"), rows);
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof Double number ? String.format(Locale.ROOT, "%.2f", number) : value.toString();
    }

    private interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private static void write(Path file, Content content) {
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
        try {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
