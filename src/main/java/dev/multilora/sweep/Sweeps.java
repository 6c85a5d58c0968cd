package dev.multilora.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.Setting;
import dev.multilora.run.RunLock;
import dev.multilora.run.RunOutcome;
import dev.multilora.run.RunRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What routes/sweep.camel.yaml calls: opens a sweep (its folder, its plan, the outbox's run lock for
 * the whole sweep), hands out its runs, records each as it ends, and closes it with its summary and plots.
 */
public final class Sweeps {
    private static final Logger LOG = LoggerFactory.getLogger(Sweeps.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final List<String> SAME_PLAN = List.of("repeats", "overrides", "swept_keys", "points", "search");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigLoader loader;
    private final SweepReport report = new SweepReport();

    public Sweeps(ConfigLoader loader) {
        this.loader = loader;
    }

    public SweepExecution open(SweepRequest request) throws IOException {
        SweepPlan plan = request.plan();
        Path outbox = loader.load(plan.configFile(), plan.overrides()).path(Setting.OUTBOX);
        Path folder = request.resume() != null ? resumable(request.resume().toAbsolutePath().normalize(), plan) : newFolder(outbox, plan.name());
        RunLock lock = RunLock.tryAcquire(outbox, "sweep " + plan.name());
        if (lock == null) {
            throw new SweepException("another benchmark is running (" + RunLock.holder(outbox) + "); wait for it to finish", false);
        }
        try {
            report.writePlan(plan, folder);
            ExistingRuns existing = request.resume() == null ? ExistingRuns.none() : ExistingRuns.in(folder, plan.identityKeys());
            SweepExecution execution = new SweepExecution(plan, folder, lock, existing);
            report.summary(execution);
            return execution;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The next run, or null once the sweep is over. */
    public RunRequest next(SweepExecution execution) {
        return execution.next().orElse(null);
    }

    /** Records how a run ended and rewrites the summary, so an interruption keeps every run finished so far. */
    public void record(SweepExecution execution, RunOutcome outcome) {
        execution.record(outcome);
        report.summary(execution);
    }

    public SweepOutcome finish(SweepExecution execution) {
        try {
            report.summary(execution);
            report.plots(execution).forEach(plot -> LOG.info("sweep {}: plot {}", execution.plan().name(), plot));
        } finally {
            execution.releaseLock();
        }
        int reused = (int) execution.runs().stream().filter(SweepRun::reused).count();
        int notDone = (int) execution.runs().stream().filter(run -> !run.done()).count();
        return new SweepOutcome(execution.folder(), execution.runs().size() - reused, reused, notDone, execution.interrupted(),
                execution.capacities());
    }

    private static Path newFolder(Path outbox, String name) throws IOException {
        String base = "sweep-" + name + "-" + STAMP.format(LocalDateTime.now());
        Files.createDirectories(outbox);
        for (int attempt = 1; ; attempt++) {
            Path folder = outbox.resolve(attempt == 1 ? base : base + "-" + attempt);
            if (!Files.exists(folder)) {
                return Files.createDirectory(folder);
            }
        }
    }

    /** An earlier attempt's folder, planned from the same sweep: otherwise its runs would be taken for other points. */
    private static Path resumable(Path folder, SweepPlan plan) throws IOException {
        Path planFile = folder.resolve(SweepReport.PLAN);
        if (!Files.isRegularFile(planFile)) {
            throw new SweepException("--resume " + folder + ": not a sweep folder (it has no " + SweepReport.PLAN + ")", true);
        }
        JsonNode earlier = JSON.readTree(planFile.toFile());
        JsonNode now = JSON.readTree(JSON.writeValueAsString(SweepReport.plan(plan)));
        for (String key : SAME_PLAN) {
            if (!earlier.path(key).equals(now.path(key))) {
                throw new SweepException("--resume " + folder + ": it was planned from a different sweep (its " + SweepReport.PLAN
                        + " has other " + key + " than " + plan.sweepFile() + "); resume it with the sweep file it was started with", true);
            }
        }
        return folder;
    }
}
