package dev.multilora.work;

import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.run.BenchmarkRunName;
import dev.multilora.run.RunAbortedException;
import dev.multilora.run.RunOutcome;
import dev.multilora.run.RunRequest;
import dev.multilora.schedule.ScheduleFire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Message;

/**
 * The coordinator's side of the work queue: a run `watch` was given (a dropped dataset, an API
 * submission, a schedule fire, a sweep's point) becomes a {@link WorkItem} instead of a local run. Its config is
 * read now, as the run would read it, for what the run requires of a worker and how big a message may be.
 */
public final class WorkSubmissions {
    private final ConfigLoader loader;

    public WorkSubmissions(ConfigLoader loader) {
        this.loader = loader;
    }

    public WorkItem of(RunRequest request) {
        EffectiveConfig config = loader.load(request.configFile(), request.sidecar(),
                request.fire() == null ? null : request.fire().schedule(), request.overrides());
        // a sweep without dataset: (or sweeping benchmark.dataset_path) benchmarks its config's dataset
        Path dataset = request.dataset() != null ? request.dataset() : config.path(Setting.DATASET_PATH);
        int limit = config.integer(Setting.WORK_MAX_MESSAGE_BYTES);
        try {
            long size = Files.size(dataset) + (request.sidecar() == null ? 0 : Files.size(request.sidecar()));
            if (size > limit) {
                throw new RunAbortedException(dataset + " (with its sidecar) is " + size + " bytes, more than work.max_message_bytes ("
                        + limit + ") a run message may carry: raise work.max_message_bytes (the broker must take messages that"
                        + " large) or split the dataset");
            }
            String content = Base64.getEncoder().encodeToString(Files.readAllBytes(dataset));
            String sidecar = request.sidecar() == null ? null : Files.readString(request.sidecar(), StandardCharsets.UTF_8);
            return new WorkItem(UUID.randomUUID().toString(), new BenchmarkRunName(dataset).value(), origin(request), content, sidecar,
                    remoteOverrides(request), fire(request.fire()), config.map(Setting.WORK_REQUIRES), 0, collectInto(request));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dataset + " for the work queue", e);
        }
    }

    /**
     * The run's own overrides as a worker applies them. A sweep's point keeps its swept values, but not
     * the sweep folder as its outbox: that folder is here, so the worker writes into its own outbox
     * and the coordinator collects the run into the sweep folder.
     */
    static Map<String, String> remoteOverrides(RunRequest request) {
        if (!isSweepPoint(request)) {
            return request.overrides();
        }
        Map<String, String> overrides = new LinkedHashMap<>(request.overrides());
        overrides.remove(Setting.OUTBOX.key());
        return overrides;
    }

    /** Where the coordinator collects the run: a sweep point's sweep folder; null for its own outbox. */
    static String collectInto(RunRequest request) {
        return isSweepPoint(request) ? request.errorOutbox().toString() : null;
    }

    private static boolean isSweepPoint(RunRequest request) {
        return RunRequest.SWEEP.equals(request.trigger());
    }

    private static String origin(RunRequest request) {
        return isSweepPoint(request) ? WorkItem.SWEEP : request.fire() == null ? WorkItem.INBOX : WorkItem.SCHEDULE;
    }

    /** Its id, its dataset and what it requires, as message properties: the workers' selectors match these. */
    public void label(WorkItem item, Message message) {
        message.removeHeaders("*");
        message.setHeader(WorkMessages.WORK_ID, item.id());
        message.setHeader(WorkMessages.DATASET, item.name());
        item.requires().forEach((requirement, value) -> message.setHeader(WorkMessages.requirementHeader(requirement), value));
    }

    /** Sent: the broker keeps it until a worker has run it, so `watch` is done with it (its dataset is filed as done). */
    public RunOutcome submitted(WorkItem item) {
        String requires = item.requires().isEmpty() ? "any worker" : "a worker serving " + item.requires();
        return RunOutcome.submitted("on the work queue as " + item.id() + ", for " + requires);
    }

    private static WorkItem.Fire fire(ScheduleFire fire) {
        if (fire == null) {
            return null;
        }
        Map<String, Object> overrides = new LinkedHashMap<>(fire.schedule().overrides());
        return new WorkItem.Fire(fire.name(), fire.schedule().cron(), fire.schedule().timeZone().getId(), fire.fireTime().toString(),
                overrides);
    }
}
