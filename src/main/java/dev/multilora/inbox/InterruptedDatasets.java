package dev.multilora.inbox;

import dev.multilora.run.BenchmarkRunName;
import dev.multilora.run.RunFolder;
import dev.multilora.run.RunLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles, when `watch` starts, what a stopped or crashed `watch` left behind: each dataset still in
 * inbox/.running/ goes back into the inbox to run again once (`watch.on_interrupted: rerun`; one
 * interrupted twice is filed as failed) or straight to .failed/ (`fail`), and each run folder left
 * half-written is published as interrupted, saying truly where its dataset went.
 */
public final class InterruptedDatasets {
    public static final String RERUN = "rerun";
    private static final Logger LOG = LoggerFactory.getLogger(InterruptedDatasets.class);

    private final Path inbox;
    private final Path outbox;
    private final boolean rerun;
    private final InboxFiles files;

    /** @param files how datasets and their companions move (the done-file protocol among them) */
    public InterruptedDatasets(Path inbox, Path outbox, String onInterrupted, InboxFiles files) {
        this.files = files;
        this.inbox = inbox;
        this.outbox = outbox;
        this.rerun = RERUN.equals(onInterrupted);
    }

    public void recover() {
        Map<String, String> fates = new HashMap<>();
        for (Path dataset : leftRunning()) {
            String fate = settle(dataset);
            LOG.warn("{} was interrupted when watch last stopped: {}", dataset.getFileName(), fate);
            fates.put(new BenchmarkRunName(dataset).value(), fate);
        }
        if (!Files.isDirectory(outbox)) {
            return;
        }
        try (RunLock lock = RunLock.tryAcquire(outbox, "watch recovery")) {
            if (lock == null) {
                LOG.info("a run holds {} ({}): its half-written run folders are published when the next run starts", outbox,
                        RunLock.holder(outbox));
                return;
            }
            RunFolder.recoverInterrupted(outbox, runName -> fates.entrySet().stream()
                    .filter(fate -> runName.startsWith(fate.getKey() + "-"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse("its dataset was not left in " + inbox.resolve(InboxFiles.RUNNING)));
        }
    }

    private String settle(Path dataset) {
        Path retryMark = dataset.resolveSibling(dataset.getFileName() + InboxFiles.RETRIED_SUFFIX);
        boolean retried = Files.exists(retryMark);
        if (rerun && !retried) {
            Path back = InboxFiles.free(inbox, dataset.getFileName().toString());
            mark(dataset.resolveSibling(back.getFileName() + InboxFiles.RETRIED_SUFFIX));
            InboxFiles.move(dataset, back);
            files.moveCompanions(dataset, back);
            return "its dataset is back in the inbox as " + back.getFileName() + " and runs again, once (watch.on_interrupted: rerun)";
        }
        Path failed = InboxFiles.stamped(inbox, InboxFiles.FAILED, dataset.getFileName().toString());
        InboxFiles.move(dataset, failed);
        files.moveCompanions(dataset, failed);
        InboxFiles.forgetRetry(dataset);
        return "its dataset is in " + failed + (retried ? " (interrupted twice)" : " (watch.on_interrupted: fail)");
    }

    private List<Path> leftRunning() {
        Path running = inbox.resolve(InboxFiles.RUNNING);
        if (!Files.isDirectory(running)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(running)) {
            return children.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().endsWith(InboxFiles.RETRIED_SUFFIX))
                    .filter(path -> !path.getFileName().toString().endsWith(InboxFiles.SIDECAR_SUFFIX))
                    .filter(path -> !files.isDoneFile(path))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + running, e);
        }
    }

    private static void mark(Path retryMark) {
        try {
            Files.writeString(retryMark, "interrupted once; interrupted again, the dataset is filed under .failed/\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + retryMark, e);
        }
    }
}
