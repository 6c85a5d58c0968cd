package dev.multilora.work;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Schedule;
import dev.multilora.config.Setting;
import dev.multilora.notify.RemoteNotifications;
import dev.multilora.report.history.RunHistory;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.run.RunFolder;
import dev.multilora.run.RunOutcome;
import dev.multilora.run.RunRequest;
import dev.multilora.schedule.ScheduleFire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's side of the work queue: a {@link WorkItem} becomes an ordinary run of this worker's
 * config (its dataset and sidecar written to the worker's own work folder), and the run's outcome
 * becomes a {@link WorkResult} carrying the run folder's files back.
 */
public final class WorkerRuns {
    static final String WORK_FOLDER = ".work";
    /** In outbox/.work/ while a run goes: which run it is, so a worker killed meanwhile can say so when it starts again. */
    static final String RUNNING_FILE = "running.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRuns.class);

    /** The run in progress, as outbox/.work/running.json says it. */
    record Running(String id, String name, int handovers, int attempt, String collectInto) {
    }

    private final List<WorkResult> leftBehind = new ArrayList<>();
    private final ConfigLoader loader;
    private final Path configFile;
    private final Path outbox;
    private final WorkerIdentity identity;

    /** @param outbox this worker's paths.outbox as it started; its datasets wait in outbox/.work/ */
    public WorkerRuns(ConfigLoader loader, Path configFile, Path outbox, WorkerIdentity identity) {
        this.loader = loader;
        this.configFile = configFile;
        this.outbox = outbox;
        this.identity = identity;
    }

    /**
     * The run this worker benchmarks for the item: its dataset as outbox/.work/NAME.jsonl, the same path
     * for every run of that dataset here (one run at a time), so each is compared with the previous one
     * in this worker's runs.jsonl as a local run is.
     */
    public RunRequest request(WorkItem item, Integer attempt) {
        Path folder = outbox.resolve(WORK_FOLDER);
        try {
            Files.createDirectories(folder);
            JSON.writeValue(folder.resolve(RUNNING_FILE).toFile(),
                    new Running(item.id(), item.name(), item.handovers(), attemptOf(attempt), item.collectInto()));
            identity.taking(item.id());
            Path dataset = folder.resolve(item.name() + ".jsonl");
            Files.write(dataset, Base64.getDecoder().decode(item.dataset()));
            Path sidecar = folder.resolve(item.name() + ".config.yaml");
            Files.deleteIfExists(sidecar);
            if (item.sidecar() != null) {
                Files.writeString(sidecar, item.sidecar(), StandardCharsets.UTF_8);
            } else {
                sidecar = null;
            }
            return new RunRequest(dataset, configFile, item.overrides(), RunRequest.WATCH, outbox, sidecar, fire(item.fire(), dataset));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dataset of run " + item.id() + " to " + folder, e);
        }
    }

    /**
     * The run's results for the coordinator; its dataset copy is no longer needed.
     *
     * @param run     the run as it opened; null when it failed before opening
     * @param attempt the broker's delivery count (JMSXDeliveryCount)
     */
    public WorkResult result(WorkItem item, RunOutcome outcome, BenchmarkRun run, Integer attempt) {
        Path folder = outcome.folder();
        EffectiveConfig config = loader.load(configFile, Map.of());
        Map<String, String> files = new LinkedHashMap<>();
        List<String> omitted = new ArrayList<>();
        Map<String, Object> history = null;
        if (folder != null && Files.isDirectory(folder)) {
            pack(folder, config.integer(Setting.WORK_MAX_MESSAGE_BYTES), files, omitted);
            String runName = folder.getFileName().toString();
            history = RunHistory.entries(config.path(Setting.OUTBOX)).stream().filter(entry -> runName.equals(entry.get("run"))).reduce((a, b) -> b).orElse(null);
        }
        deleteDataset(item);
        identity.taking(null);
        return new WorkResult(item.id(), item.handovers(), attemptOf(attempt), identity.name(), item.name(), status(outcome),
                outcome.message(), folder == null ? null : folder.getFileName().toString(), history,
                RemoteNotifications.summary(outcome, run, item.name()), files, omitted, item.collectInto(), handsBack(item, outcome));
    }

    /**
     * Whether the run goes back to the queue for another worker: this worker was stopped (SIGTERM) in
     * the middle of it, the first time. Interrupted twice, it is more likely the cause than the victim,
     * and its interrupted results are its end, as under `watch`.
     */
    public boolean handsBack(WorkItem item, RunOutcome outcome) {
        return outcome.isInterrupted() && item.handovers() == 0;
    }

    private static String status(RunOutcome outcome) {
        return outcome.hasResults() ? outcome.results().status().label() : outcome.status().label();
    }

    /** Smallest files first, so a size limit leaves out the few big ones (results.csv of a huge run), never results.json. */
    private static void pack(Path folder, long maxBytes, Map<String, String> files, List<String> omitted) {
        long left = maxBytes;
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> all = walk.filter(Files::isRegularFile).sorted(Comparator.comparingLong(WorkerRuns::size)).toList();
            for (Path file : all) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                long size = size(file);
                if (size <= left) {
                    files.put(relative, Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
                    left -= size;
                } else {
                    omitted.add(relative);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run folder " + folder, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    /**
     * Before the worker takes any run: publishes the run folders a killed worker left half-written in
     * its outbox (as `watch` does when it starts), and keeps, for the run it was in the middle of, a
     * result saying it was interrupted, to send once the routes are up. The broker has given that run
     * to another worker (or gives it to this one again) meanwhile.
     */
    public void recover() {
        if (!Files.isDirectory(outbox)) {
            return;
        }
        List<String> recovered = new ArrayList<>();
        RunFolder.recoverInterrupted(outbox, run -> {
            recovered.add(run);
            return "this worker was killed before the run finished; the broker gave the run to another worker (or to this one again)";
        });
        Path runningFile = outbox.resolve(WORK_FOLDER).resolve(RUNNING_FILE);
        if (!Files.isRegularFile(runningFile)) {
            return;
        }
        try {
            Running running = JSON.readValue(runningFile.toFile(), Running.class);
            for (String run : recovered.stream().filter(run -> run.startsWith(running.name() + "-")).toList()) {
                Path folder = outbox.resolve(run);
                Map<String, String> files = new LinkedHashMap<>();
                List<String> omitted = new ArrayList<>();
                pack(folder, loader.load(configFile, Map.of()).integer(Setting.WORK_MAX_MESSAGE_BYTES), files, omitted);
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("status", RunOutcome.Status.INTERRUPTED.label());
                summary.put("dataset", running.name());
                summary.put("message", "worker " + identity.name() + " was killed mid-run");
                leftBehind.add(new WorkResult(running.id(), running.handovers(), running.attempt(), identity.name(), running.name(),
                        RunOutcome.Status.INTERRUPTED.label(), "worker " + identity.name() + " was killed mid-run", run, null, summary,
                        files, omitted, running.collectInto(), true));
                LOG.warn("run {} of {} was interrupted when this worker was killed: its measured part {} goes to the coordinator",
                        running.id(), running.name(), folder);
            }
            Files.delete(runningFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runningFile, e);
        }
    }

    /** What {@link #recover()} found, once: the routes send it to work.results_queue as the worker starts. */
    public synchronized List<WorkResult> leftBehind() {
        List<WorkResult> found = List.copyOf(leftBehind);
        leftBehind.clear();
        return found;
    }

    private static int attemptOf(Integer deliveryCount) {
        return deliveryCount == null ? 1 : deliveryCount;
    }

    private void deleteDataset(WorkItem item) {
        Path folder = outbox.resolve(WORK_FOLDER);
        try {
            Files.deleteIfExists(folder.resolve(RUNNING_FILE));
            Files.deleteIfExists(folder.resolve(item.name() + ".jsonl"));
            Files.deleteIfExists(folder.resolve(item.name() + ".config.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the dataset of run " + item.id() + " from " + folder, e);
        }
    }

    private static ScheduleFire fire(WorkItem.Fire fire, Path dataset) {
        if (fire == null) {
            return null;
        }
        Schedule schedule = new Schedule(fire.name(), fire.cron(), ZoneId.of(fire.timeZone()), dataset, fire.overrides());
        return new ScheduleFire(schedule, Instant.parse(fire.fireTime()));
    }
}
