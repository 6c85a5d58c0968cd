package dev.multilora.report;

import dev.multilora.metrics.InterTokenLatencies;
import dev.multilora.metrics.RequestRecord;
import dev.multilora.report.html.ReportPage;
import dev.multilora.results.RunResults;
import dev.multilora.report.plots.RunPlots;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.server.metrics.ServerMetricsSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The human-readable side of a run: plots/*.png, then report.html showing them beside the figures. */
public final class RunReport {
    static final String PLOTS_FOLDER = "plots";
    static final String PAGE = "report.html";

    private final RunPlots plots;
    private final ReportPage page = new ReportPage();

    public RunReport(RunPlots plots) {
        this.plots = plots;
    }

    /** @param previousRun this run beside the previous comparable one; null without one */
    public void write(List<RequestRecord> records, RunResults results, ReportPage.PreviousRun previousRun, BenchmarkRun run) {
        writeInto(run.folder().partial(), records, run.interTokenLatencies(), run.serverMetrics().scrapes(), results, previousRun);
    }

    /** @param folder the run folder, still under its temporary name */
    public void writeInto(Path folder, List<RequestRecord> records, InterTokenLatencies interTokenLatencies,
                          List<ServerMetricsSeries.Scrape> serverScrapes, RunResults results, ReportPage.PreviousRun previousRun) {
        // Links are relative to the page, so the folder keeps working once renamed, moved or archived.
        List<String> links = plots.write(records, interTokenLatencies.histograms(), serverScrapes, folder.resolve(PLOTS_FOLDER)).stream()
                .map(file -> folder.relativize(file).toString().replace('\\', '/'))
                .toList();
        try {
            Files.writeString(folder.resolve(PAGE), page.render(results, records, links, previousRun), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + PAGE + " in " + folder, e);
        }
    }
}
