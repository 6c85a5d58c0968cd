package dev.multilora.inbox;

import dev.multilora.run.QueuedEnding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a dropped file is at each moment of its life under `watch`, so a crash at any instant loses
 * nothing and repeats nothing by surprise. Picked up, it moves at once to inbox/.running/ (a file
 * dropped under the same name meanwhile waits in the inbox for its own turn); its run ended, it
 * moves to .done/ or .failed/; interrupted, it stays in .running/ for {@link InterruptedDatasets}
 * to settle when `watch` starts again. Its companions travel with it: its sidecar NAME.config.yaml,
 * its adapter set NAME.adapters/ and, with inbox.done_file, its done file.
 */
public final class InboxFiles {
    public static final String RUNNING = ".running";
    public static final String DONE = ".done";
    public static final String FAILED = ".failed";
    /** Beside a dataset in .running/: it was interrupted once already and this is its second try. */
    static final String RETRIED_SUFFIX = ".interrupted";
    /** A folder of adapters delivered beside its dataset: not a stray directory. */
    static final String ADAPTER_SET_SUFFIX = ".adapters";
    static final String SIDECAR_SUFFIX = ".config.yaml";
    static final Duration SETTLED = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(InboxFiles.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final String NAME_TOKEN = "${file:name}";
    private static final String NAME_NOEXT_TOKEN = "${file:name.noext}";

    private final String doneFilePattern;

    /** @param doneFilePattern inbox.done_file, e.g. ${file:name}.done; null when datasets need no done file */
    public InboxFiles(String doneFilePattern) {
        this.doneFilePattern = doneFilePattern;
    }

    /**
     * Takes a picked-up file out of the inbox into .running/, and answers where it now is (as text:
     * Camel would read a Path converted to text as the file's content); null when it is gone already
     * (withdrawn between the inbox's poll and now: a queued API run cancelled).
     */
    public String claim(String absolutePath) {
        Path dropped = Path.of(absolutePath);
        Path claimed = free(dropped.resolveSibling(RUNNING), dropped.getFileName().toString());
        try {
            Files.move(dropped, claimed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + dropped + " to " + claimed, e);
        }
        moveCompanions(dropped, claimed);
        return claimed.toString();
    }

    /** NAME.config.yaml beside NAME.jsonl: that dataset's own settings, which travel with it. */
    public static Path sidecarOf(Path dataset) {
        return dataset.resolveSibling(withoutExtension(dataset.getFileName().toString()) + SIDECAR_SUFFIX);
    }

    /** NAME.adapters/ beside NAME.jsonl: the adapters that dataset is benchmarked with, instead of lora.adapters_dir. */
    public static Path adapterSetOf(Path dataset) {
        return dataset.resolveSibling(withoutExtension(dataset.getFileName().toString()) + ADAPTER_SET_SUFFIX);
    }

    /** The done file Camel waited for, named as Camel names it (its two tokens only); empty without inbox.done_file. */
    public Optional<Path> doneFileOf(Path dataset) {
        if (doneFilePattern == null) {
            return Optional.empty();
        }
        String name = dataset.getFileName().toString();
        return Optional.of(dataset.resolveSibling(
                doneFilePattern.replace(NAME_TOKEN, name).replace(NAME_NOEXT_TOKEN, withoutExtension(name))));
    }

    /** Whether a file in .running/ is some dataset's done file rather than a dataset. */
    boolean isDoneFile(Path file) {
        if (doneFilePattern == null) {
            return false;
        }
        String regex = Arrays.stream(doneFilePattern.replace(NAME_NOEXT_TOKEN, NAME_TOKEN).split(Pattern.quote(NAME_TOKEN), -1))
                .map(Pattern::quote)
                .collect(Collectors.joining(".+"));
        return file.getFileName().toString().matches(regex);
    }

    /** The sidecar, the adapter set and the done file that came with a dataset follow it to its new name. */
    void moveCompanions(Path from, Path to) {
        if (Files.isRegularFile(sidecarOf(from))) {
            move(sidecarOf(from), sidecarOf(to));
        }
        if (Files.isDirectory(adapterSetOf(from))) {
            move(adapterSetOf(from), adapterSetOf(to));
        }
        doneFileOf(from).filter(Files::isRegularFile).ifPresent(done -> move(done, doneFileOf(to).orElseThrow()));
    }

    private static String withoutExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Directories dropped into the inbox (not hidden, not an adapter set NAME.adapters/ beside its
     * dataset), once nothing has changed in them for {@link #SETTLED}: a folder still being copied in
     * is left alone. They are not datasets, and each ends as an error report.
     */
    public List<String> strayDirectories(String inboxPath) {
        Path inbox = Path.of(inboxPath);
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        Instant settledBefore = Instant.now().minus(SETTLED);
        try (Stream<Path> children = Files.list(inbox)) {
            return children.filter(Files::isDirectory)
                    .filter(dir -> !dir.getFileName().toString().startsWith("."))
                    .filter(dir -> !dir.getFileName().toString().endsWith(ADAPTER_SET_SUFFIX))
                    .filter(dir -> lastModified(dir).isBefore(settledBefore))
                    .map(Path::toString)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + inbox, e);
        }
    }

    private static Instant lastModified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }

    /**
     * Files a claimed dataset (or sweep file) by how its run (or sweep) ended: .done/ when it completed
     * (or went to the work queue, which the broker keeps), .failed/ when it did not; an interrupted one
     * stays in .running/. Answers where it went.
     */
    public Path file(QueuedEnding outcome, String claimedPath) {
        Path claimed = Path.of(claimedPath);
        if (outcome.isInterrupted()) {
            LOG.warn("{} was interrupted; it stays in {} until watch starts again", claimed.getFileName(), claimed.getParent());
            return claimed;
        }
        Path inbox = claimed.getParent().getParent();
        Path target = stamped(inbox, outcome.isCompleted() || outcome.isSubmitted() ? DONE : FAILED, claimed.getFileName().toString());
        move(claimed, target);
        moveCompanions(claimed, target);
        forgetRetry(claimed);
        return target;
    }

    /**
     * Takes a dataset still waiting in the inbox straight to .failed/ (a cancelled submission), with
     * its sidecar, adapter set and done file. Empty when it is no longer waiting: the inbox took it first.
     */
    public Optional<Path> withdraw(Path waiting) {
        Path target = stamped(waiting.getParent(), FAILED, waiting.getFileName().toString());
        try {
            Files.move(waiting, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + waiting + " to " + target, e);
        }
        moveCompanions(waiting, target);
        return Optional.of(target);
    }

    static Path stamped(Path inbox, String folder, String name) {
        return free(inbox.resolve(folder), STAMP.format(LocalDateTime.now()) + "-" + name);
    }

    /** Whether a claimed file ran before and was interrupted: InterruptedDatasets marked it when it sent it back. */
    public static boolean retriedBefore(Path claimed) {
        return Files.exists(claimed.resolveSibling(claimed.getFileName() + RETRIED_SUFFIX));
    }

    static void forgetRetry(Path claimed) {
        try {
            Files.deleteIfExists(claimed.resolveSibling(claimed.getFileName() + RETRIED_SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the retry mark of " + claimed, e);
        }
    }

    /** {@code name} in {@code folder}, or name-2, name-3... when taken, so nothing is ever overwritten. */
    static Path free(Path folder, String name) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        Path candidate = folder.resolve(name);
        for (int attempt = 2; Files.exists(candidate); attempt++) {
            candidate = folder.resolve(base + "-" + attempt + extension);
        }
        return candidate;
    }

    static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }
}
