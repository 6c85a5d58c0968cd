package dev.multilora.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxFilesTest {
    @TempDir
    Path inbox;

    @Test
    void aDatasetWithdrawnBeforeTheInboxClaimsItIsLetGoNotAnError() throws IOException {
        Path waiting = Files.writeString(inbox.resolve("api-1.jsonl"), "{\"prompt\": \"p\"}\n");
        Files.writeString(inbox.resolve("api-1.config.yaml"), "benchmark:\n  concurrency: 2\n");
        InboxFiles files = new InboxFiles(null);

        Path withdrawn = files.withdraw(waiting).orElseThrow();

        assertNull(files.claim(waiting.toString()), "the inbox polled it before it was withdrawn");
        assertEquals(inbox.resolve(InboxFiles.FAILED), withdrawn.getParent());
        assertTrue(Files.isRegularFile(InboxFiles.sidecarOf(withdrawn)), "its sidecar went with it");
        assertTrue(files.withdraw(waiting).isEmpty(), "withdrawn once");
    }
}
