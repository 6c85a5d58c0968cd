package dev.multilora.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * A run's folder in the outbox, named {@code <dataset>-<YYYYmmdd-HHMMSS>} (with a suffix when the
 * name is taken). Files are written under a hidden temporary name and the folder appears under its
 * real name only when complete, so a downstream reader never sees half a run.
 */
public final class RunFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path partial;
    private final Path finished;

    private RunFolder(Path partial, Path finished) {
        this.partial = partial;
        this.finished = finished;
    }

    public static synchronized RunFolder create(Path outbox, String datasetName, LocalDateTime startedAt) {
        String base = datasetName + "-" + STAMP.format(startedAt);
        try {
            Files.createDirectories(outbox);
            for (int attempt = 1; ; attempt++) {
                String name = attempt == 1 ? base : base + "-" + attempt;
                Path finished = outbox.resolve(name);
                Path partial = outbox.resolve("." + name + ".partial");
                if (!Files.exists(finished) && !Files.exists(partial)) {
                    Files.createDirectory(partial);
                    return new RunFolder(partial, finished);
                }
            }
        } catch (IOException e) {
            throw new RunAbortedException("cannot create a run folder in " + outbox + ": " + e.getMessage(), e);
        }
    }

    /**
     * Publishes run folders that a stopped process left half-written, each with an error.txt saying
     * so and what became of its dataset ({@code datasetFate}, given the folder's name). Call only
     * while holding the run lock, or before any run starts: then no run can be writing any of them.
     */
    public static void recoverInterrupted(Path outbox, Function<String, String> datasetFate) {
        try (java.util.stream.Stream<Path> children = Files.list(outbox)) {
            for (Path stale : children.filter(p -> p.getFileName().toString().matches("\\..+\\.partial") && Files.isDirectory(p)).toList()) {
                String name = stale.getFileName().toString();
                String base = name.substring(1, name.length() - ".partial".length());
                String report = "run interrupted: multilora-bench stopped before this run"
                        + " finished (a crash or kill -9); the requests it measured are in results.csv. Status: interrupted; "
                        + datasetFate.apply(base) + ".";
                Files.writeString(stale.resolve("error.txt"), report + "\n");
                StatusFile.write(stale, "interrupted", report, null, LocalDateTime.now());
                Path target = outbox.resolve(base);
                for (int attempt = 2; Files.exists(target); attempt++) {
                    target = outbox.resolve(base + "-" + attempt);
                }
                Files.move(stale, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover interrupted runs in " + outbox, e);
        }
    }

    /** Where files are written while the run is in progress. */
    public Path partial() {
        return partial;
    }

    /** The in-progress folder as text, for file endpoint URIs (Camel reads a Path converted to text as file content). */
    public String partialDirectory() {
        return partial.toString();
    }

    /** Where the folder is once complete. */
    public Path finished() {
        return finished;
    }

    public Path publish() {
        try {
            Files.move(partial, finished, StandardCopyOption.ATOMIC_MOVE);
            return finished;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + partial + " to " + finished, e);
        }
    }
}
