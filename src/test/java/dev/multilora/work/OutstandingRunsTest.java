package dev.multilora.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.run.RunOutcome;
import dev.multilora.run.RunRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutstandingRunsTest {
    @TempDir
    Path outbox;

    private OutstandingRuns outstanding() {
        return new OutstandingRuns(() -> outbox);
    }

    private WorkItem point(String id, Path sweepFolder, String concurrency) {
        return new WorkItem(id, "grid", WorkItem.SWEEP, "", null, Map.of("benchmark.concurrency", concurrency), null, Map.of(), 0,
                sweepFolder.toString());
    }

    private static RunRequest pointRequest(Path sweepFolder, String concurrency) {
        return new RunRequest(Path.of("grid.jsonl"), Path.of("config.yaml"),
                Map.of("benchmark.concurrency", concurrency, "paths.outbox", sweepFolder.toString()), RunRequest.SWEEP, sweepFolder);
    }

    @Test
    void aRunIsOutstandingFromItsSendingUntilItEnds() {
        OutstandingRuns runs = outstanding();
        WorkItem item = new WorkItem("w-1", "remote", WorkItem.INBOX, "", null, Map.of(), null, Map.of("gpu", "H100"), 0, null);
        runs.sending(item);

        assertEquals("w-1", runs.named("remote").orElseThrow().workId());
        assertEquals(Map.of("gpu", "H100"), runs.named("remote").orElseThrow().requires());
        runs.ended("w-1", RunOutcome.completed(null, null));
        assertTrue(runs.named("remote").isEmpty());
        assertEquals(List.of(), runs.all());
        runs.ended("w-1", RunOutcome.completed(null, null));
    }

    @Test
    void aSweepPointsResultThatCameBeforeItWasAwaitedIsStillItsOutcome() throws Exception {
        OutstandingRuns runs = outstanding();
        Path sweep = outbox.resolve("sweep-grid-1");
        runs.sending(point("p-1", sweep, "1"));
        runs.ended("p-1", RunOutcome.failed(sweep.resolve("grid-1"), "server died"));

        RunOutcome outcome = runs.await("p-1");
        assertEquals(RunOutcome.Status.FAILED, outcome.status());
        assertEquals("server died", outcome.message());
        assertTrue(runs.named("grid").isEmpty(), "a sweep point is not a run of the API's");
    }

    @Test
    void aResumedSweepWaitsForThePointItSentBeforeRatherThanSendingItAgain() {
        OutstandingRuns before = outstanding();
        Path sweep = outbox.resolve("sweep-grid-1");
        before.sending(point("p-2", sweep, "2"));

        OutstandingRuns afterRestart = outstanding();
        assertEquals("p-2", afterRestart.sentBefore(pointRequest(sweep, "2")));
        assertNull(afterRestart.sentBefore(pointRequest(sweep, "4")), "another point is to be sent");
        assertNull(afterRestart.sentBefore(pointRequest(outbox.resolve("sweep-grid-2"), "2")), "the same point of another sweep folder");

        afterRestart.ended("p-2", RunOutcome.completed(null, null));
        assertEquals("p-2", afterRestart.sentBefore(pointRequest(sweep, "2")),
                "collected as watch started, before the resumed sweep asked: still its result to take");
    }

    @Test
    void cancellingASweepReleasesTheWaitOnItsPoint() throws Exception {
        OutstandingRuns runs = outstanding();
        Path sweep = outbox.resolve("sweep-grid-1");
        runs.sending(point("p-3", sweep, "1"));
        CompletableFuture<RunOutcome> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return runs.await("p-3");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        runs.release(sweep, "cancelled through the API");
        RunOutcome outcome = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(RunOutcome.Status.CANCELLED, outcome.status());
        assertTrue(outcome.message().contains("collected into " + sweep), outcome.message());
    }

    @Test
    void aDamagedNoteIsPassedOverAndDoesNotStopCollection() throws Exception {
        OutstandingRuns runs = outstanding();
        Files.createDirectories(outbox.resolve(OutstandingRuns.FOLDER));
        Files.writeString(outbox.resolve(OutstandingRuns.FOLDER).resolve("w-9.json"), "{not json");

        assertEquals(List.of(), runs.all());
        runs.ended("w-9", RunOutcome.completed(null, null));
        assertTrue(Files.notExists(outbox.resolve(OutstandingRuns.FOLDER).resolve("w-9.json")));
    }
}
