package dev.multilora.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.inbox.InboxFiles;
import dev.multilora.run.BenchmarkRunName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a run is, by its id (its dataset's name without .jsonl): waiting in the inbox, being run
 * from inbox/.running/, or ended in a run folder `ID-yyyyMMdd-HHmmss` of the outbox. A sweep's id is
 * its sweep file's name without .sweep.yaml; it ends in the sweep folder whose sweep.json names that
 * file. The files are the truth, so what the API says survives a restart of `watch`.
 */
final class RunPlaces {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String DATASET = ".jsonl";
    static final String SWEEP = ".sweep.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path inbox;
    private final Path outbox;

    RunPlaces(EffectiveConfig config) {
        this.inbox = config.path(Setting.INBOX);
        this.outbox = config.path(Setting.OUTBOX);
    }

    static String checkedId(String id) {
        if (id == null || !ID.matcher(id).matches() || id.contains("..")) {
            throw new ApiRequestException(400, "id", "not a run id: " + id + " (letters, digits, '.', '_', '-')");
        }
        return id;
    }

    /** A run's id is the name its run folders carry; a sweep's, its sweep file's name without .sweep.yaml. */
    static String idOf(Path dataset) {
        return new BenchmarkRunName(dataset).value();
    }

    Path inbox() {
        return inbox;
    }

    Path outbox() {
        return outbox;
    }

    Path queuedDataset(String id) {
        return inbox.resolve(id + DATASET);
    }

    Path queuedSweep(String id) {
        return inbox.resolve(id + SWEEP);
    }

    /** The dataset or sweep file of this id waiting in the inbox. */
    Optional<Path> queued(String id) {
        return Stream.of(queuedDataset(id), queuedSweep(id)).filter(Files::isRegularFile).findFirst();
    }

    Optional<Path> running(String id) {
        Path running = inbox.resolve(InboxFiles.RUNNING);
        return Stream.of(running.resolve(id + DATASET), running.resolve(id + SWEEP)).filter(Files::isRegularFile).findFirst();
    }

    /** The latest published run folder of this id, or the latest sweep folder of a sweep file of this name. */
    Optional<Path> ended(String id) {
        Pattern folder = Pattern.compile(Pattern.quote(id) + "-\\d{8}-\\d{6}(-\\d+)?");
        return children(outbox).filter(Files::isDirectory)
                .filter(dir -> folder.matcher(dir.getFileName().toString()).matches() || sweptFrom(dir, id + SWEEP))
                .max(Comparator.comparing(RunPlaces::modified));
    }

    static boolean isSweepFolder(Path folder) {
        return Files.isRegularFile(folder.resolve("sweep.json"));
    }

    private static boolean sweptFrom(Path folder, String sweepFileName) {
        if (!folder.getFileName().toString().startsWith("sweep-") || !isSweepFolder(folder)) {
            return false;
        }
        try {
            return Path.of(JSON.readTree(folder.resolve("sweep.json").toFile()).path("sweep_file").asText("/")).getFileName()
                    .toString().equals(sweepFileName);
        } catch (IOException e) {
            return false;
        }
    }

    /** The ids waiting in the inbox, in the order `watch` takes them (oldest first). */
    List<String> queue() {
        return children(inbox).filter(Files::isRegularFile)
                .filter(file -> !file.getFileName().toString().startsWith("."))
                .filter(file -> file.getFileName().toString().endsWith(DATASET) || file.getFileName().toString().endsWith(SWEEP))
                .sorted(Comparator.comparing(RunPlaces::modified))
                .map(RunPlaces::idOf)
                .toList();
    }

    private static Stream<Path> children(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
