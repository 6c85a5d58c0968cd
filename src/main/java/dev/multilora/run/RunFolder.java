package dev.multilora.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

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
