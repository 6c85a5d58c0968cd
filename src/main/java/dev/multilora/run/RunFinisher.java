package dev.multilora.run;

import dev.multilora.observe.CurrentRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
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
    private static final Logger LOG = LoggerFactory.getLogger(RunFinisher.class);

    private final CurrentRun currentRun;

    public RunFinisher(CurrentRun currentRun) {
        this.currentRun = currentRun;
    }

    public RunOutcome complete(BenchmarkRun run, Map<String, Object> results) {
        try {
            if (results.get("failure_reason") instanceof String reason) {
                Path folder = run.folder().publish();
                LOG.error("run failed: {} (results: {})", reason, folder);
                return RunOutcome.failedWithResults(folder, reason, results);
            }
            if (results.get("interrupt_reason") instanceof String interruption) {
                Path folder = run.folder().publish();
                LOG.warn("run interrupted ({}): what it measured is in {}", interruption, folder);
                return RunOutcome.interrupted(folder, interruption, results);
            }
            if (results.get("stop_reason") instanceof String stopped) {
                Path folder = run.folder().publish();
                LOG.warn("run stopped early: {} (results: {})", stopped, folder);
                return RunOutcome.completed(folder, results);
            }
            markSuccess(run.folder());
            Path folder = run.folder().publish();
            LOG.info("run complete: {}", folder);
            return RunOutcome.completed(folder, results);
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
            RunFolder folder = run != null ? run.folder()
                    : RunFolder.create(request.errorOutbox(), datasetName(request), LocalDateTime.now());
            if (run != null && run.interruptedBecause().isPresent()) {
                String interruption = run.interruptedBecause().get();
                Path published = writeReport(folder, request, "run interrupted (" + interruption + ") before it measured anything: " + message);
                LOG.warn("run interrupted ({}) before it measured anything (report: {})", interruption, published.resolve("error.txt"));
                return RunOutcome.interrupted(published, interruption, Map.of());
            }
            Path published = writeReport(folder, request, "run failed: " + message);
            LOG.error("run failed: {} (report: {})", message, published.resolve("error.txt"));
            return RunOutcome.failed(published, message);
        } finally {
            if (run != null) {
                run.release();
                currentRun.closed(run);
            }
        }
    }

    /**
     * A request still waiting in the run queue when `watch` stopped: it never ran. A dataset's outcome
     * counts as interrupted, so it stays in inbox/.running/ and runs when `watch` starts again.
     */
    public RunOutcome notRun(RunRequest request) {
        String what = request.fire() != null ? "schedule " + request.fire() : "dataset " + request.dataset();
        LOG.warn("{} did not run: watch stopped before its turn", what);
        return RunOutcome.interrupted(null, "watch stopped before its turn", Map.of());
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

    private static Path writeReport(RunFolder folder, RunRequest request, String headline) {
        String report = headline + "\n"
                + "dataset: " + (request.dataset() == null ? "(from the config)" : request.dataset()) + "\n"
                + "config: " + request.configFile() + "\n"
                + "time: " + LocalDateTime.now() + "\n";
        try {
            Files.writeString(folder.partial().resolve("error.txt"), report, StandardCharsets.UTF_8);
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
