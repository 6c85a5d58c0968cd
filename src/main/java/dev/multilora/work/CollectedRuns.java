package dev.multilora.work;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.run.RunAbortedException;
import dev.multilora.run.RunFinisher;
import dev.multilora.run.RunOutcome;
import dev.multilora.run.RunRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's outbox for every worker: each result's run folder is written under its own name
 * (published at once, whole, by a rename), its line joins runs.jsonl with the worker that ran it, and
 * the result's id is noted so that a result the broker delivers again (`watch` stopped before its
 * acknowledgement) is collected once.
 */
public final class CollectedRuns {
    static final String RUNS_FILE = "runs.jsonl";
    /** In the outbox: the ids of the results collected, one a line. */
    static final String COLLECTED_FILE = ".collected";
    private static final Logger LOG = LoggerFactory.getLogger(CollectedRuns.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigLoader loader;
    private final Path configFile;
    private final Map<String, String> overrides;
    private final RunFinisher finisher;
    private final OutstandingRuns outstanding;

    /** @param overrides `watch`'s command-line values: its outbox is where every result is collected */
    public CollectedRuns(ConfigLoader loader, Path configFile, Map<String, String> overrides, RunFinisher finisher,
                         OutstandingRuns outstanding) {
        this.loader = loader;
        this.configFile = configFile;
        this.overrides = Map.copyOf(overrides);
        this.finisher = finisher;
        this.outstanding = outstanding;
    }

    /** The result collected; null when it was collected already. */
    public synchronized CollectedRun collect(WorkResult result) {
        EffectiveConfig config = loader.load(configFile, overrides);
        Path outbox = config.path(Setting.OUTBOX);
        try {
            Files.createDirectories(outbox);
            Path collected = outbox.resolve(COLLECTED_FILE);
            if (Files.isRegularFile(collected) && Files.readAllLines(collected, StandardCharsets.UTF_8).contains(result.resultId())) {
                LOG.info("result {} of {} was collected already", result.resultId(), result.name());
                if (!result.retried()) {
                    outstanding.ended(result.workId(), CollectedRun.outcome(result, null));
                }
                return null;
            }
            Path into = destination(outbox, result);
            Path folder = result.folder() == null ? null : writeFolder(into, result);
            if (result.history() != null) {
                Map<String, Object> line = new LinkedHashMap<>(result.history());
                line.put("run", folder.getFileName().toString());
                line.put("worker", result.worker());
                line.put("work_id", result.workId());
                line.put("attempt", result.attempt());
                append(into.resolve(RUNS_FILE), JSON.writeValueAsString(line));
            }
            append(collected, result.resultId());
            if (!result.retried()) {
                outstanding.ended(result.workId(), CollectedRun.outcome(result, folder));
            }
            if (!result.omitted().isEmpty()) {
                LOG.warn("{}: files over work.max_message_bytes stayed on worker {}: {}", folder, result.worker(), result.omitted());
            }
            LOG.info("run of {} {} on worker {} (attempt {}): {}", result.name(), result.status(), result.worker(), result.attempt(),
                    folder == null ? result.message() : folder);
            return new CollectedRun(result, folder, config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the runs.jsonl line of " + result.resultId(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot collect " + result.resultId() + " into " + outbox, e);
        }
    }

    /**
     * A run the broker gave up on (each delivery ended without results: workers killed, or a message
     * no worker could read) becomes an error report in the outbox, so it is not lost silently.
     */
    public RunOutcome deadLetter(WorkItem item, Integer deliveries) {
        EffectiveConfig config = loader.load(configFile, overrides);
        Path into = destination(config.path(Setting.OUTBOX), item.collectInto(), item.id());
        RunRequest request = new RunRequest(Path.of(item.name() + ".jsonl"), configFile, overrides, RunRequest.WATCH, into);
        RunOutcome report = finisher.abort(new RunAbortedException("no worker finished run " + item.id() + " of " + item.name()
                + ": the broker moved it to work.dead_letter_queue after " + (deliveries == null ? "its" : deliveries + "")
                + " delivery attempts (workers stopped or crashed while running it)"), request, null);
        outstanding.ended(item.id(), report);
        return report;
    }

    private static Path destination(Path outbox, WorkResult result) {
        return destination(outbox, result.collectInto(), result.resultId());
    }

    /**
     * The sweep folder a sweep point's results go into, or the outbox. A path from a message is only
     * written into when it is a sweep folder (it has sweep.json): a message cannot make `watch` write elsewhere.
     */
    private static Path destination(Path outbox, String collectInto, String id) {
        if (collectInto == null) {
            return outbox;
        }
        Path folder = Path.of(collectInto);
        if (Files.isRegularFile(folder.resolve("sweep.json"))) {
            return folder;
        }
        LOG.warn("{} is to be collected into {}, which is not a sweep folder (it has no sweep.json): it goes into {}", id,
                collectInto, outbox);
        return outbox;
    }

    private static Path writeFolder(Path into, WorkResult result) throws IOException {
        Path partial = Files.createTempDirectory(into, "." + result.folder() + "-collecting-");
        for (Map.Entry<String, String> file : result.files().entrySet()) {
            Path target = partial.resolve(file.getKey()).normalize();
            if (!target.startsWith(partial)) {
                throw new IllegalArgumentException("result " + result.resultId() + " names a file outside its folder: " + file.getKey());
            }
            Files.createDirectories(target.getParent());
            Files.write(target, Base64.getDecoder().decode(file.getValue()));
        }
        Path folder = into.resolve(result.folder());
        for (int attempt = 2; Files.exists(folder); attempt++) {
            folder = into.resolve(result.folder() + "-" + attempt);
        }
        return Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void append(Path file, String line) throws IOException {
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
