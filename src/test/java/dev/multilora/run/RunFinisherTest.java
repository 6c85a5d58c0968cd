package dev.multilora.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFinisherTest {
    @TempDir
    Path work;

    private final RunFinisher finisher = new RunFinisher(new dev.multilora.observe.CurrentRun());

    @Test
    void aCompletedRunIsMarkedForDownstreamPipelines() throws IOException {
        RunOutcome outcome = finisher.complete(aRun(), Map.of("status", "completed"));

        Path marker = outcome.folder().resolve(RunFinisher.SUCCESS_MARKER);
        assertTrue(Files.isRegularFile(marker));
        assertEquals(0, Files.size(marker));
    }

    @Test
    void aRunWhoseServerDiedIsNotMarked() {
        RunOutcome outcome = finisher.complete(aRun(), Map.of("status", "failed", "failure_reason", "server exited with code 137"));

        assertFalse(outcome.isCompleted());
        assertTrue(Files.isDirectory(outcome.folder()));
        assertFalse(Files.exists(outcome.folder().resolve(RunFinisher.SUCCESS_MARKER)));
    }

    @Test
    void aRunAStopConditionCutShortIsPublishedButNotMarked() {
        RunOutcome outcome = finisher.complete(aRun(), Map.of("status", "stopped", "stop_reason", "benchmark.max_duration_s 5.0 reached"));

        assertTrue(Files.isDirectory(outcome.folder()));
        assertFalse(Files.exists(outcome.folder().resolve(RunFinisher.SUCCESS_MARKER)));
    }

    @Test
    void aFailureIsDescribedInItsOwnWordsNotTheExchangeThatCarriedIt() {
        String described = RunFinisher.describe(new org.apache.camel.CamelExecutionException(
                "Exception occurred during execution on the exchange", null, new OutOfMemoryError("Java heap space")));

        assertTrue(described.startsWith("the JVM ran out of memory (java.lang.OutOfMemoryError: Java heap space)"), described);
        assertTrue(described.contains("MULTILORA_JAVA_OPTS=-Xmx"), described);
    }

    private BenchmarkRun aRun() {
        try {
            Path config = Files.writeString(work.resolve("config.yaml"), "model:\n  name: base\npaths:\n  outbox: outbox\n");
            EffectiveConfig effective = new ConfigLoader(Map.of(), new Properties(), work).load(config, Map.of());
            Path outbox = work.resolve("outbox");
            LocalDateTime now = LocalDateTime.now();
            return new BenchmarkRun(effective, AdapterCatalog.empty(), work.resolve("data.jsonl"),
                    RunFolder.create(outbox, "data", now), RunLock.tryAcquire(outbox, RunRequest.BENCH), now, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
