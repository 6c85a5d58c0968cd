package dev.multilora.work;

import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Schedule;
import dev.multilora.config.Setting;
import dev.multilora.notify.RemoteNotifications;
import dev.multilora.report.history.RunHistory;
import dev.multilora.run.BenchmarkRun;
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

/**
 * The worker's side of the work queue: a {@link WorkItem} becomes an ordinary run of this worker's
 * config (its dataset and sidecar written to the worker's own work folder), and the run's outcome
 * becomes a {@link WorkResult} carrying the run folder's files back.
 */
public final class WorkerRuns {
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

    /** The run this worker benchmarks for the item: its dataset as NAME.jsonl in a folder of its own. */
    public RunRequest request(WorkItem item) {
        Path folder = workFolder(item);
        try {
            Files.createDirectories(folder);
            Path dataset = folder.resolve(item.name() + ".jsonl");
            Files.write(dataset, Base64.getDecoder().decode(item.dataset()));
            Path sidecar = null;
            if (item.sidecar() != null) {
                sidecar = folder.resolve(item.name() + ".config.yaml");
                Files.writeString(sidecar, item.sidecar(), StandardCharsets.UTF_8);
            }
            return new RunRequest(dataset, configFile, item.overrides(), RunRequest.WATCH, outbox, sidecar, fire(item.fire(), dataset));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dataset of " + item.id() + " to " + folder, e);
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
        deleteWorkFolder(item);
        return new WorkResult(item.id(), attempt == null ? 1 : attempt, identity.name(), item.name(), status(outcome),
                outcome.message(), folder == null ? null : folder.getFileName().toString(), history,
                RemoteNotifications.summary(outcome, run, item.name()), files, omitted);
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

    private Path workFolder(WorkItem item) {
        return outbox.resolve(".work").resolve(item.id());
    }

    private void deleteWorkFolder(WorkItem item) {
        Path folder = workFolder(item);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + folder, e);
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
