package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The done-file protocol (inbox.done_file) in a real inbox, with a sidecar beside one dataset. */
class InboxDoneFileRouteTest extends PipelineTestSupport {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Override
    protected boolean watchMode() {
        return true;
    }

    @Override
    protected String extraConfig() {
        return "inbox:\n  done_file: \"${file:name}.done\"\n";
    }

    @Test
    void aDatasetRunsOnlyOnceItsDoneFileIsThereAndTheDoneFileIsFiledWithIt() throws Exception {
        drop(DATASETS.resolve("forty.jsonl"), "unsignalled.jsonl");
        Files.writeString(inbox().resolve("tuned.config.yaml"), "benchmark:\n  num_requests: 3\n");
        drop(DATASETS.resolve("forty.jsonl"), "tuned.jsonl");
        Files.writeString(inbox().resolve("tuned.jsonl.done"), "");

        await(() -> names(inbox().resolve(".done")).size() == 3, PATIENCE);

        assertEquals(List.of("config.yaml", "jsonl", "jsonl.done"), suffixes(inbox().resolve(".done")),
                "the dataset, its sidecar and its done file are filed together");
        Path run = runFolders("tuned-").get(0);
        assertEquals(3, new ObjectMapper().readTree(run.resolve("results.json").toFile()).get("total_requests").asInt());
        assertTrue(names(inbox()).contains("unsignalled.jsonl"), "a dataset without its done file waits: " + names(inbox()));
        assertTrue(runFolders("unsignalled-").isEmpty());

        Files.writeString(inbox().resolve("unsignalled.jsonl.done"), "");
        await(() -> runFolders("unsignalled-").size() == 1 && names(inbox().resolve(".done")).size() == 5, PATIENCE);
    }

    @Test
    void aSecondDropUnderTheSameNameRunsAgain() throws Exception {
        for (int drop = 1; drop <= 2; drop++) {
            drop(DATASETS.resolve("forty.jsonl"), "again.jsonl");
            Files.writeString(inbox().resolve("again.jsonl.done"), "");
            int filed = 2 * drop;
            await(() -> names(inbox().resolve(".done")).size() == filed, PATIENCE);
        }

        assertEquals(2, runFolders("again-").size());
        assertEquals(80, server().received().size(), "each drop ran in full, once");
        assertTrue(names(inbox()).stream().noneMatch(name -> name.startsWith("again")), "nothing is left behind: " + names(inbox()));
    }

    private List<Path> runFolders(String prefix) {
        return list(outbox()).stream().filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }

    private static List<String> suffixes(Path folder) {
        return names(folder).stream().map(name -> name.substring(name.indexOf('.') + 1)).sorted().toList();
    }

    private static List<String> names(Path folder) {
        return list(folder).stream().map(p -> p.getFileName().toString()).filter(name -> !name.startsWith(".")).sorted().toList();
    }

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".partial")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
