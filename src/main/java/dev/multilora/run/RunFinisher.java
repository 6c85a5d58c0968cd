package dev.multilora.run;

import dev.multilora.observe.CurrentRun;
import dev.multilora.results.RunResults;
import dev.multilora.results.RunStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a run: publishes the run folder and frees the dataset file and the lock. A run that could not go on still gets a
 * folder, holding error.txt, so every dataset ends as results or as an error report.
 */
public final class RunFinisher {
    public static final String SUCCESS_MARKER = "_SUCCESS";
    /** Beside error.txt in a run folder that holds no results: how the run ended, as JSON. */
    public static final String STATUS_FILE = StatusFile.NAME;
    private static final Logger LOG = LoggerFactory.getLogger(RunFinisher.class);

    private final CurrentRun currentRun;
    private final ErrorReportPage errorPage;

    public RunFinisher(CurrentRun currentRun, ErrorReportPage errorPage) {
        this.currentRun = currentRun;
        this.errorPage = errorPage;
    }

    public RunOutcome complete(BenchmarkRun run, RunResults results) {
        try {
            RunResults.EndReasons reasons = results.reasons();
            if (results.status() == RunStatus.COMPLETED) {
                markSuccess(run.folder());
            }
            Path folder = run.folder().publish();
            return switch (results.status()) {
                case FAILED -> {
                    LOG.error("run failed: {} (results: {})", reasons.failed(), folder);
                    yield RunOutcome.failedWithResults(folder, reasons.failed(), results);
                }
                case INTERRUPTED -> {
                    LOG.warn("run interrupted ({}): what it measured is in {}", reasons.interrupted(), folder);
                    yield run.cancelled() ? RunOutcome.cancelled(folder, reasons.interrupted(), results)
                            : RunOutcome.interrupted(folder, reasons.interrupted(), results);
                }
                case STOPPED -> {
                    LOG.warn("run stopped early: {} (results: {})", reasons.stopped(), folder);
                    yield RunOutcome.completed(folder, results);
                }
                case COMPLETED -> {
                    LOG.info("run complete: {}", folder);
                    yield RunOutcome.completed(folder, results);
                }
            };
        } finally {
            run.release();
            currentRun.closed(run);
        }
    }

    /**
     * @param run     the run, or null when it failed before it was opened
     * @param request what was asked for, to name the dataset and find an outbox
     */
    public RunOutcome abort(Exception cause, RunRequest request, BenchmarkRun run) {
        String message = describe(cause);
        if (!(cause instanceof RunAbortedException)) {
            LOG.error("run failed unexpectedly", cause);
        }
        try {
            return report(cause, message, request, run);
        } catch (RuntimeException reportFailed) {
            // A full disk or a read-only outbox: say so plainly; the dataset is still filed and the watcher goes on.
            LOG.error("run failed: {}; and its error report could not be written in {}: {}", message, request.errorOutbox(),
                    describe(reportFailed));
            return RunOutcome.failed(null, message + " (no error report: " + describe(reportFailed) + ")");
        } finally {
            if (run != null) {
                run.release();
                currentRun.closed(run);
            }
        }
    }

    private RunOutcome report(Exception cause, String message, RunRequest request, BenchmarkRun run) {
        RunFolder folder = run != null ? run.folder()
                : RunFolder.create(request.errorOutbox(), datasetName(request), LocalDateTime.now());
        if (run != null && run.interruptedBecause().isPresent()) {
            String interruption = run.interruptedBecause().get();
            RunOutcome.Status status = run.cancelled() ? RunOutcome.Status.CANCELLED : RunOutcome.Status.INTERRUPTED;
            Path published = writeReport(folder, request, status,
                    "run " + status.label() + " (" + interruption + ") before it measured anything: " + message);
            LOG.warn("run {} ({}) before it measured anything (report: {})", status.label(), interruption, published.resolve("error.txt"));
            return new RunOutcome(status, published, interruption, null);
        }
        if (cause instanceof RunCancelledException) {
            Path published = writeReport(folder, request, RunOutcome.Status.CANCELLED, "run cancelled: " + message);
            LOG.warn("run cancelled: {} (report: {})", message, published.resolve("error.txt"));
            return RunOutcome.cancelled(published, message, null);
        }
        Path published = writeReport(folder, request, RunOutcome.Status.FAILED, "run failed: " + message);
        LOG.error("run failed: {} (report: {})", message, published.resolve("error.txt"));
        return RunOutcome.failed(published, message);
    }

    /**
     * A request still waiting in the run queue when `watch` stopped: it never ran. A dataset's outcome
     * counts as interrupted, so it stays in inbox/.running/ and runs when `watch` starts again.
     */
    public RunOutcome notRun(RunRequest request) {
        String what = request.fire() != null ? "schedule " + request.fire() : "dataset " + request.dataset();
        LOG.warn("{} did not run: watch stopped before its turn", what);
        return RunOutcome.interrupted(null, "watch stopped before its turn", null);
    }

    /**
     * _SUCCESS, empty, as Hadoop-style pipelines expect: written before the folder is published, so
     * a reader that sees the folder sees the marker with it. Only runs that sent every request get
     * one: a failed run never, nor one a stop condition (max_duration_s, max_error_rate) cut short.
     */
    private static void markSuccess(RunFolder folder) {
        try {
            Files.write(folder.partial().resolve(SUCCESS_MARKER), new byte[0]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + SUCCESS_MARKER + " in " + folder.partial(), e);
        }
    }

    /** error.txt and report.html for people, status.json (status, message, dataset, time) for programs such as the run API. */
    private Path writeReport(RunFolder folder, RunRequest request, RunOutcome.Status status, String headline) {
        String dataset = request.dataset() == null ? "(from the config)" : request.dataset().toString();
        LocalDateTime now = LocalDateTime.now();
        String report = headline + "\n"
                + "dataset: " + dataset + "\n"
                + "config: " + request.configFile() + "\n"
                + "time: " + now + "\n";
        try {
            Files.writeString(folder.partial().resolve("error.txt"), report, StandardCharsets.UTF_8);
            StatusFile.write(folder.partial(), status.label(), headline, dataset, now);
            Files.writeString(folder.partial().resolve("report.html"),
                    errorPage.render(status.label(), headline, dataset, now.toString()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the error report in " + folder.partial(), e);
        }
        return folder.publish();
    }

    /** What went wrong, in the words of the failure itself rather than of the Camel exchange that carried it. */
    static String describe(Throwable cause) {
        Throwable failure = cause;
        while ((failure instanceof CamelExecutionException || failure.getClass() == RuntimeCamelException.class)
                && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof OutOfMemoryError) {
            return "the JVM ran out of memory (" + failure + "); give it more with MULTILORA_JAVA_OPTS=-Xmx<size>";
        }
        if (failure instanceof Error || failure.getMessage() == null) {
            return failure.toString();
        }
        return failure.getMessage();
    }

    private static String datasetName(RunRequest request) {
        return request.dataset() == null ? "dataset" : new BenchmarkRunName(request.dataset()).value();
    }
}
