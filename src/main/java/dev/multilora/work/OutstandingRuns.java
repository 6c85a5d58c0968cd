package dev.multilora.work;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.multilora.run.RunOutcome;
import dev.multilora.run.RunRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs this coordinator has out on the work queue. Each has a file in outbox/.submitted/ from just
 * before it is sent until its last result is collected (or the broker dead-letters it), so the run API
 * can say where a run is while a worker has it, across restarts of `watch`. A sweep waits here for its
 * point's result; a sweep resumed after a restart waits for the point it had already sent rather than
 * sending it twice.
 */
public final class OutstandingRuns {
    static final String FOLDER = ".submitted";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(OutstandingRuns.class);

    /** What outbox/.submitted/ID.json says of a run on the work queue. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Outstanding(String workId, String name, String origin, String collectInto, Map<String, String> overrides,
                              Map<String, String> requires, String submitted) {
        static Outstanding of(WorkItem item) {
            return new Outstanding(item.id(), item.name(), item.origin(), item.collectInto(), item.overrides(), item.requires(),
                    Instant.now().toString());
        }

        @JsonIgnore
        public boolean isSweepPoint() {
            return WorkItem.SWEEP.equals(origin);
        }
    }

    private final Supplier<Path> outbox;
    /** A sweep point's outcome by work id, from the moment it is awaited or ends, whichever comes first. */
    private final Map<String, CompletableFuture<RunOutcome>> sweepPoints = new ConcurrentHashMap<>();
    /** Sweep points that ended with no sweep waiting (collected as `watch` started again), by work id. */
    private final Map<String, Outstanding> unclaimedPoints = new ConcurrentHashMap<>();

    /** @param outbox the coordinator's paths.outbox, as its config says now */
    public OutstandingRuns(Supplier<Path> outbox) {
        this.outbox = outbox;
    }

    /** Noted before it is sent: its result can come back before the send returns. */
    public void sending(WorkItem item) {
        Path folder = folder();
        try {
            Files.createDirectories(folder);
            Path partial = folder.resolve("." + item.id() + ".json");
            JSON.writeValue(partial.toFile(), Outstanding.of(item));
            Files.move(partial, marker(item.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot note run " + item.id() + " in " + folder, e);
        }
    }

    /** It never reached the broker: nothing is outstanding. */
    public void notSent(WorkItem item) {
        if (item != null) {
            delete(item.id());
        }
    }

    /**
     * Its last result is collected, or it was dead-lettered: no longer outstanding, and the sweep that
     * waits for it (or will, once resumed) has its outcome. Saying so twice is harmless.
     */
    public void ended(String workId, RunOutcome outcome) {
        Optional<Outstanding> outstanding = read(marker(workId));
        if (outstanding.isPresent() && outstanding.get().isSweepPoint()) {
            unclaimedPoints.put(workId, outstanding.get());
            sweepPoints.computeIfAbsent(workId, id -> new CompletableFuture<>()).complete(outcome);
        }
        delete(workId);
    }

    /** The run of this name (a dataset's, an API submission's, a schedule's) most recently sent and not yet ended. */
    public Optional<Outstanding> named(String name) {
        return all().stream().filter(run -> !run.isSweepPoint() && run.name().equals(name)).reduce((earlier, later) -> later);
    }

    /** Every run out on the work queue, oldest first. */
    public List<Outstanding> all() {
        Path folder = folder();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> !file.getFileName().toString().startsWith(".") && file.toString().endsWith(".json"))
                    .map(OutstandingRuns::read).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(Outstanding::submitted)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /**
     * The work id of this sweep point when an earlier `watch` already sent it (the sweep was resumed
     * after a restart) and its result has not been taken by a sweep yet; null when it is to be sent.
     */
    public String sentBefore(RunRequest point) {
        Map<String, String> overrides = WorkSubmissions.remoteOverrides(point);
        String collectInto = WorkSubmissions.collectInto(point);
        return Stream.concat(all().stream(), unclaimedPoints.values().stream())
                .filter(run -> run.isSweepPoint() && Objects.equals(run.collectInto(), collectInto) && run.overrides().equals(overrides))
                .map(Outstanding::workId).findFirst().orElse(null);
    }

    /** Waits for the sweep point's result to be collected, and returns how its run ended. */
    public RunOutcome await(String workId) throws InterruptedException {
        CompletableFuture<RunOutcome> outcome = sweepPoints.computeIfAbsent(workId, id -> new CompletableFuture<>());
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for run " + workId + " failed", e.getCause());
        } finally {
            if (outcome.isDone()) {
                sweepPoints.remove(workId);
                unclaimedPoints.remove(workId);
            }
        }
    }

    /**
     * The sweep collecting into this folder was cancelled: whoever waits on its point stops waiting.
     * The worker still finishes that run, and its result is still collected into the folder.
     */
    public void release(Path collectInto, String why) {
        all().stream().filter(run -> run.isSweepPoint() && Objects.equals(run.collectInto(), collectInto.toString()))
                .forEach(run -> sweepPoints.computeIfAbsent(run.workId(), id -> new CompletableFuture<>())
                        .complete(RunOutcome.cancelled(null, why + "; run " + run.workId() + " on a worker is collected into "
                                + collectInto + " when it ends", null)));
    }

    private Path folder() {
        return outbox.get().resolve(FOLDER);
    }

    private Path marker(String workId) {
        return folder().resolve(workId + ".json");
    }

    private void delete(String workId) {
        try {
            Files.deleteIfExists(marker(workId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + marker(workId), e);
        }
    }

    private static Optional<Outstanding> read(Path file) {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), Outstanding.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // a damaged note must not stop results being collected: the run is then only not shown as outstanding
            LOG.warn("{} cannot be read, so it is passed over: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

}
