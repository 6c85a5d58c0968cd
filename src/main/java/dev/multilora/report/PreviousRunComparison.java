package dev.multilora.report;

import dev.multilora.report.compare.ComparedRun;
import dev.multilora.report.compare.RunsComparison;
import dev.multilora.report.html.ReportPage;
import dev.multilora.results.Comparison;
import dev.multilora.results.RunResults;
import dev.multilora.run.BenchmarkRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run against the previous comparable run that results.json's comparison names, in the view
 * `compare` writes: comparison/ in the run folder, whose overall table report.html shows too.
 * A previous run whose folder has gone (moved, archived) leaves results.json's figures only, and a
 * comparison that cannot be written is logged: neither fails the run.
 */
public final class PreviousRunComparison {
    public static final String FOLDER = "comparison";
    private static final Logger LOG = LoggerFactory.getLogger(PreviousRunComparison.class);

    private final ComparisonReport report = new ComparisonReport();

    /** @return the comparison written, or null when there is no previous run to put beside this one */
    public ReportPage.PreviousRun write(RunResults results, BenchmarkRun run) {
        Comparison comparison = results.comparison();
        if (comparison == null || !comparison.found()) {
            return null;
        }
        Path previous = run.folder().finished().resolveSibling(comparison.previousRun());
        if (!Files.isRegularFile(previous.resolve("results.json"))) {
            LOG.info("the previous run {} is no longer in {}: its comparison is results.json's figures only",
                    comparison.previousRun(), previous.getParent());
            return null;
        }
        Path folder = run.folder().partial();
        try {
            RunsComparison written = report.write(List.of(ComparedRun.load(previous),
                    ComparedRun.load(folder, run.folder().finished().getFileName().toString())), folder.resolve(FOLDER));
            return new ReportPage.PreviousRun(written, FOLDER + "/" + ComparisonReport.PAGE);
        } catch (RuntimeException e) {
            LOG.warn("cannot compare with the previous run {}: {}", comparison.previousRun(), e.getMessage());
            return null;
        }
    }
}
