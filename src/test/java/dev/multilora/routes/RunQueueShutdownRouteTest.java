package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.observe.CurrentRun;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Stopping `watch` while a dataset waits in the run queue behind a scheduled run. */
class RunQueueShutdownRouteTest extends PipelineTestSupport {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Override
    protected boolean watchMode() {
        return true;
    }

    @Override
    protected String extraConfig() {
        return "schedules:\n  - {name: often, cron: \"0/2 * * * * ?\", dataset: " + DATASETS.resolve("forty.jsonl") + "}\n";
    }

    @Test
    void whatStillWaitsWhenWatchStopsIsAnsweredAtOnceAndTheDatasetStaysForTheNextStart() throws Exception {
        writeConfig(Map.of("concurrency", "1"));
        server().holdMillis(300);
        await(() -> names(outbox()).stream().anyMatch(name -> name.startsWith(".forty-")), "a scheduled run going");
        Files.createDirectories(inbox());
        Path staging = work().resolve("queued.staging");
        Files.copy(DATASETS.resolve("forty.jsonl"), staging, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging, inbox().resolve("queued.jsonl"), StandardCopyOption.ATOMIC_MOVE);
        await(() -> Files.exists(inbox().resolve(".running/queued.jsonl")), "the dataset claimed and waiting");

        ((CurrentRun) context.getRegistry().lookupByName("currentRun")).open().orElseThrow().interrupt("stopped by the test");
        context.getShutdownStrategy().setTimeout(60);
        context.stop();

        assertFalse(context.getShutdownStrategy().hasTimeoutOccurred(),
                "nothing waited out the shutdown: the waiting dataset's inbox route got its answer");
        assertTrue(Files.isRegularFile(inbox().resolve(".running/queued.jsonl")), "it stays for the next start");
        assertTrue(names(outbox()).stream().noneMatch(name -> name.contains("queued")), "it never ran: " + names(outbox()));
        assertEquals(1, names(outbox()).stream().filter(name -> name.startsWith("forty-")).count(), "only the interrupted run ran");
    }

    private static List<String> names(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
