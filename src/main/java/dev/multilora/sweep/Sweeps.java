package dev.multilora.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.Setting;
import dev.multilora.run.RunCancellations;
import dev.multilora.run.RunCancelledException;
import dev.multilora.run.RunLock;
import dev.multilora.run.RunOutcome;
import dev.multilora.run.RunRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
    private final RunCancellations cancellations;
    private final SweepReport report = new SweepReport();
    private volatile SweepExecution current;

    /** @param cancellations the run API's cancellations of what waits in the run queue, sweeps among them */
    public Sweeps(ConfigLoader loader, RunCancellations cancellations) {
        this.loader = loader;
        this.cancellations = cancellations;
    }

    public SweepExecution open(SweepRequest request) throws IOException, InterruptedException {
        SweepPlan plan = request.plan();
        if (request.unattended() && cancellations.take(plan.sweepFile())) {
            throw new RunCancelledException("sweep " + plan.name() + " cancelled through the API before it started");
        }
        Path outbox = loader.load(plan.configFile(), plan.overrides()).path(Setting.OUTBOX);
        RunLock lock = lock(outbox, request);
        try {
            Path resume = request.resume() != null ? resumable(request.resume().toAbsolutePath().normalize(), plan)
                    : request.resumeLatest() ? latestUnfinished(outbox, plan) : null;
            Path folder = resume != null ? resume : newFolder(outbox, plan.name());
            if (request.resumeLatest()) {
                LOG.info("sweep {} was interrupted: {}", plan.name(), resume != null ? "it resumes in " + resume
                        : "no unfinished folder of it is left, so it starts again in " + folder);
            }
            report.writePlan(plan, folder);
            ExistingRuns existing = resume == null ? ExistingRuns.none() : ExistingRuns.in(folder, plan.identityKeys());
            SweepExecution execution = new SweepExecution(plan, folder, lock, existing);
            report.summary(execution);
            current = execution;
            return execution;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The sweep running now, if one is. */
    public Optional<SweepExecution> running() {
        return Optional.ofNullable(current);
    }

    private static RunLock lock(Path outbox, SweepRequest request) throws InterruptedException {
        String holder = "sweep " + request.plan().name();
        if (request.unattended()) {
            return RunLock.awaitFree(outbox, holder);
        }
        RunLock lock = RunLock.tryAcquire(outbox, holder);
        if (lock == null) {
            throw new SweepException("another benchmark is running (" + RunLock.holder(outbox) + "); wait for it to finish", false);
        }
        return lock;
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
            execution.end();
            report.summary(execution);
            List<Path> plots = report.plots(execution);
            plots.forEach(plot -> LOG.info("sweep {}: plot {}", execution.plan().name(), plot));
            LOG.info("sweep {}: {}", execution.plan().name(), report.page(execution, plots));
        } finally {
            current = null;
            execution.releaseLock();
        }
        int reused = (int) execution.runs().stream().filter(SweepRun::reused).count();
        int notDone = (int) execution.runs().stream().filter(run -> !run.done()).count();
        return new SweepOutcome(execution.folder(), execution.runs().size() - reused, reused, notDone, execution.status(),
                execution.stopReason(), execution.capacities());
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
        Optional<String> differing = differingKey(planFile, plan);
        if (differing.isPresent()) {
            throw new SweepException("--resume " + folder + ": it was planned from a different sweep (its " + SweepReport.PLAN
                    + " has other " + differing.get() + " than " + plan.sweepFile() + "); resume it with the sweep file it was started with", true);
        }
        return folder;
    }

    /** The newest folder of this sweep in the outbox that was planned from the same sweep and has not completed; null if none. */
    private static Path latestUnfinished(Path outbox, SweepPlan plan) throws IOException {
        Pattern folderName = Pattern.compile(Pattern.quote("sweep-" + plan.name() + "-") + "\\d{8}-\\d{6}(-\\d+)?");
        List<Path> candidates;
        try (Stream<Path> children = Files.list(outbox)) {
            candidates = children.filter(dir -> folderName.matcher(dir.getFileName().toString()).matches())
                    .filter(dir -> Files.isRegularFile(dir.resolve(SweepReport.PLAN)))
                    .sorted(Comparator.comparing(Sweeps::modified).reversed())
                    .toList();
        }
        for (Path folder : candidates) {
            if (differingKey(folder.resolve(SweepReport.PLAN), plan).isEmpty() && !completed(folder)) {
                return folder;
            }
        }
        return null;
    }

    private static boolean completed(Path folder) throws IOException {
        Path summary = folder.resolve(SweepReport.SUMMARY_JSON);
        return Files.isRegularFile(summary) && "completed".equals(JSON.readTree(summary.toFile()).path("status").asText());
    }

    private static Optional<String> differingKey(Path planFile, SweepPlan plan) throws IOException {
        JsonNode earlier = JSON.readTree(planFile.toFile());
        JsonNode now = JSON.readTree(JSON.writeValueAsString(SweepReport.plan(plan)));
        return SAME_PLAN.stream().filter(key -> !earlier.path(key).equals(now.path(key))).findFirst();
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
