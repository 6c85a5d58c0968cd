package dev.multilora.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterruptedDatasetsTest {
    @TempDir
    Path work;

    @Test
    void anInterruptedDatasetRunsAgainOnceAndItsHalfWrittenRunIsPublishedSayingSo() throws IOException {
        Path inbox = work.resolve("inbox");
        Path outbox = work.resolve("outbox");
        leftRunning(inbox, "nightly.jsonl");
        Path partial = Files.createDirectories(outbox.resolve(".nightly-20261201-020000.partial"));
        Files.writeString(partial.resolve("results.csv"), "request_id\n1\n");

        new InterruptedDatasets(inbox, outbox, "rerun", new InboxFiles(null)).recover();

        assertTrue(Files.isRegularFile(inbox.resolve("nightly.jsonl")), "back in the inbox");
        Path published = outbox.resolve("nightly-20261201-020000");
        assertEquals("request_id\n1\n", Files.readString(published.resolve("results.csv")), "what it measured is kept");
        String report = Files.readString(published.resolve("error.txt"));
        assertTrue(report.contains("Status: interrupted"), report);
        assertTrue(report.contains("back in the inbox as nightly.jsonl"), report);

        Files.move(inbox.resolve("nightly.jsonl"), inbox.resolve(".running/nightly.jsonl"));
        new InterruptedDatasets(inbox, outbox, "rerun", new InboxFiles(null)).recover();

        List<Path> failed = list(inbox.resolve(".failed"));
        assertEquals(1, failed.size(), "interrupted twice, it is filed as failed");
        assertTrue(failed.get(0).getFileName().toString().endsWith("-nightly.jsonl"));
        assertEquals(List.of(), list(inbox.resolve(".running")), "nothing left running, no retry mark");
        assertFalse(Files.exists(inbox.resolve("nightly.jsonl")));
    }

    @Test
    void withFailTheInterruptedDatasetIsFiledAsFailedAtOnce() throws IOException {
        Path inbox = work.resolve("inbox");
        leftRunning(inbox, "adhoc.jsonl");

        new InterruptedDatasets(inbox, work.resolve("outbox"), "fail", new InboxFiles(null)).recover();

        assertEquals(1, list(inbox.resolve(".failed")).size());
        assertEquals(List.of(), list(inbox.resolve(".running")));
    }

    @Test
    void aDatasetThatCompletesOnItsSecondTryForgetsItWasInterrupted() throws IOException {
        Path inbox = work.resolve("inbox");
        leftRunning(inbox, "retry.jsonl");
        new InterruptedDatasets(inbox, work.resolve("outbox"), "rerun", new InboxFiles(null)).recover();

        InboxFiles files = new InboxFiles(null);
        String claimed = files.claim(inbox.resolve("retry.jsonl").toString());
        files.file(dev.multilora.run.RunOutcome.completed(work, new dev.multilora.results.TestResults().build()), claimed);

        assertEquals(List.of(), list(inbox.resolve(".running")), "the retry mark went with it");
        assertEquals(1, list(inbox.resolve(".done")).size());
    }

    @Test
    void anInterruptedDatasetGoesBackWithItsDoneFileAndAdapterSetSoItIsPickedUpAgain() throws IOException {
        Path inbox = work.resolve("inbox");
        leftRunning(inbox, "signalled.jsonl");
        Files.writeString(inbox.resolve(".running/signalled.jsonl.done"), "");
        Files.createDirectories(inbox.resolve(".running/signalled.adapters/alpha"));

        new InterruptedDatasets(inbox, work.resolve("outbox"), "rerun", new InboxFiles("${file:name}.done")).recover();

        assertTrue(Files.isRegularFile(inbox.resolve("signalled.jsonl")));
        assertTrue(Files.isRegularFile(inbox.resolve("signalled.jsonl.done")), "without its done file it would never run again");
        assertTrue(Files.isDirectory(inbox.resolve("signalled.adapters/alpha")));
        assertEquals(List.of(".running/signalled.jsonl.interrupted"), list(inbox.resolve(".running")).stream()
                .map(p -> inbox.relativize(p).toString()).toList(), "the done file is not taken for a dataset of its own");
    }

    private static void leftRunning(Path inbox, String name) throws IOException {
        Files.createDirectories(inbox.resolve(".running"));
        Files.writeString(inbox.resolve(".running").resolve(name), "{\"prompt\": \"p\", \"adapter_name\": \"a\"}\n");
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.sorted().toList();
        }
    }
}
