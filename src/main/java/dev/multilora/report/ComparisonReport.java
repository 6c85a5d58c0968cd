package dev.multilora.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.multilora.report.compare.ComparedRun;
import dev.multilora.report.compare.RunsComparison;
import dev.multilora.report.compare.RunsSideBySide;
import dev.multilora.report.html.ComparisonPage;
import dev.multilora.report.plots.ComparisonPlots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A comparison's folder: comparison.html, comparison.json and the overlaid distributions, for `compare` and for each run against its previous one. */
public final class ComparisonReport {
    public static final String PAGE = "comparison.html";

    private final RunsSideBySide sideBySide = new RunsSideBySide();
    private final ComparisonPlots plots = new ComparisonPlots(800, 500);
    private final ComparisonPage page = new ComparisonPage();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @param runs the baseline first */
    public RunsComparison write(List<ComparedRun> runs, Path folder) {
        RunsComparison comparison = sideBySide.compare(runs);
        Map<String, double[]> ttft = new LinkedHashMap<>();
        Map<String, double[]> e2el = new LinkedHashMap<>();
        runs.forEach(run -> {
            ttft.put(run.name(), run.ttft());
            e2el.put(run.name(), run.e2el());
        });
        try {
            Files.createDirectories(folder);
            List<String> links = plots.write(ttft, e2el, folder).stream().map(file -> folder.relativize(file).toString().replace('\\', '/')).toList();
            json.writeValue(folder.resolve("comparison.json").toFile(), comparison);
            Files.writeString(folder.resolve(PAGE), page.render(comparison, links), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison in " + folder + ": " + e.getMessage(), e);
        }
        return comparison;
    }
}
