package dev.multilora.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.results.RunResults;
import dev.multilora.results.RunStatus;
import dev.multilora.results.TestResults;
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

    private final RunFinisher finisher = new RunFinisher(new dev.multilora.observe.CurrentRun(),
            (status, headline, dataset, time) -> "<p>" + status + ": " + headline + "</p>");

    @Test
    void aCompletedRunIsMarkedForDownstreamPipelines() throws IOException {
        RunOutcome outcome = finisher.complete(aRun(), new TestResults().build());

        Path marker = outcome.folder().resolve(RunFinisher.SUCCESS_MARKER);
        assertTrue(Files.isRegularFile(marker));
        assertEquals(0, Files.size(marker));
    }

    @Test
    void aRunWhoseServerDiedIsNotMarked() {
        RunOutcome outcome = finisher.complete(aRun(), new TestResults()
                .ended(RunStatus.FAILED, new RunResults.EndReasons(null, "server exited with code 137", null)).build());

        assertFalse(outcome.isCompleted());
        assertTrue(Files.isDirectory(outcome.folder()));
        assertFalse(Files.exists(outcome.folder().resolve(RunFinisher.SUCCESS_MARKER)));
    }

    @Test
    void aRunAStopConditionCutShortIsPublishedButNotMarked() {
        RunOutcome outcome = finisher.complete(aRun(), new TestResults()
                .ended(RunStatus.STOPPED, new RunResults.EndReasons(null, null, "benchmark.max_duration_s 5.0 reached")).build());

        assertTrue(Files.isDirectory(outcome.folder()));
        assertFalse(Files.exists(outcome.folder().resolve(RunFinisher.SUCCESS_MARKER)));
    }

    @Test
    void aRunThatCouldNotRunGetsItsReasonForPeopleAndForPrograms() throws IOException {
        RunRequest request = new RunRequest(work.resolve("data.jsonl"), work.resolve("config.yaml"), Map.of(), RunRequest.WATCH, work);

        RunOutcome outcome = finisher.abort(new RunAbortedException("no valid line in data.jsonl"), request, null);

        assertTrue(Files.readString(outcome.folder().resolve("error.txt")).startsWith("run failed: no valid line in data.jsonl"));
        assertEquals("<p>failed: run failed: no valid line in data.jsonl</p>", Files.readString(outcome.folder().resolve("report.html")));
        JsonNode status = new ObjectMapper().readTree(outcome.folder().resolve(RunFinisher.STATUS_FILE).toFile());
        assertEquals("failed", status.get("status").asText());
        assertEquals(work.resolve("data.jsonl").toString(), status.get("dataset").asText());
    }

    @Test
    void anOutboxThatCannotBeWrittenIsSaidPlainlyAndTheRunStillEnds() throws IOException {
        Path notAFolder = Files.writeString(work.resolve("outbox"), "a file where the outbox should be");
        RunRequest request = new RunRequest(work.resolve("data.jsonl"), work.resolve("config.yaml"), Map.of(), RunRequest.WATCH, notAFolder);

        RunOutcome outcome = finisher.abort(new RunAbortedException("no valid line in data.jsonl"), request, null);

        assertEquals(RunOutcome.Status.FAILED, outcome.status());
        assertEquals(null, outcome.folder());
        assertTrue(outcome.message().startsWith("no valid line in data.jsonl (no error report: cannot create a run folder in "),
                outcome.message());
    }

    @Test
    void aQueuedRunCancelledBeforeItRanIsReportedAsCancelled() throws IOException {
        RunRequest request = new RunRequest(work.resolve("data.jsonl"), work.resolve("config.yaml"), Map.of(), RunRequest.WATCH, work);

        RunOutcome outcome = finisher.abort(new RunCancelledException("cancelled through the API"), request, null);

        assertEquals(RunOutcome.Status.CANCELLED, outcome.status());
        assertEquals("cancelled", new ObjectMapper().readTree(outcome.folder().resolve(RunFinisher.STATUS_FILE).toFile()).get("status").asText());
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
