package dev.multilora.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.config.ConfigLoader;
import dev.multilora.observe.CurrentRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCancellationsTest {
    @TempDir
    Path work;

    @Test
    void aRunCancelledWhileItWaitedInTheQueueEndsAsItOpensAndOnlyThatOne() throws IOException {
        Path dataset = Files.writeString(work.resolve("api-1.jsonl"), "{\"prompt\": \"p\", \"adapter_name\": \"a\"}\n");
        RunCancellations cancellations = new RunCancellations();
        RunStarter starter = new RunStarter(new ConfigLoader(Map.of(), new Properties(), work), new CurrentRun(), cancellations);
        RunRequest request = new RunRequest(dataset, work.resolve("missing-config.yaml"), Map.of(), RunRequest.WATCH, work);

        cancellations.request("api-1");

        assertThrows(RunCancelledException.class, () -> starter.open(request));
        RunAbortedException next = assertThrows(RunAbortedException.class, () -> starter.open(request));
        assertFalse(next instanceof RunCancelledException, "cancelled once, not for good");
        assertTrue(next.getMessage().contains("missing-config.yaml"), "the next open reads the config: " + next.getMessage());
    }

    @Test
    void aRequestTakenBackIsNotTakenAgainAndOneTakenIsNotTakenBack() {
        RunCancellations cancellations = new RunCancellations();

        cancellations.request("a");
        assertTrue(cancellations.withdraw("a"));
        assertFalse(cancellations.take(Path.of("a.jsonl")), "withdrawn: no run cancels it");
        cancellations.request("b");
        assertTrue(cancellations.take(Path.of("/in/.running/b.jsonl")));
        assertFalse(cancellations.withdraw("b"), "the run took it: exactly one side cancels");
    }
}
