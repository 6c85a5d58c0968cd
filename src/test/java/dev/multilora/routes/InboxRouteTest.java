package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InboxRouteTest extends PipelineTestSupport {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Override
    protected boolean watchMode() {
        return true;
    }

    @Test
    void aDroppedDatasetIsBenchmarkedAndFiledUnderDone() throws Exception {
        drop(DATASETS.resolve("forty.jsonl"), "forty.jsonl");

        Path done = awaitSingle(() -> list(inbox().resolve(".done")));
        Path runFolder = awaitSingle(() -> list(outbox()).stream().filter(p -> p.getFileName().toString().startsWith("forty-")).toList());

        assertTrue(done.getFileName().toString().endsWith("-forty.jsonl"));
        JsonNode results = new ObjectMapper().readTree(runFolder.resolve("results.json").toFile());
        assertEquals(40, results.get("successful_requests").asInt());
        assertTrue(Files.exists(runFolder.resolve("results.csv")));
        assertTrue(list(inbox()).stream().noneMatch(Files::isRegularFile), "nothing is left in the inbox");
    }

    @Test
    void theConfigIsReadAgainForEveryDataset() throws Exception {
        drop(DATASETS.resolve("forty.jsonl"), "first.jsonl");
        awaitSingle(() -> list(inbox().resolve(".done")));
        writeConfig(Map.of("num_requests", "3"));
        drop(DATASETS.resolve("forty.jsonl"), "second.jsonl");

        Path second = awaitSingle(() -> list(outbox()).stream().filter(p -> p.getFileName().toString().startsWith("second-")).toList());

        assertEquals(3, new ObjectMapper().readTree(second.resolve("results.json").toFile()).get("total_requests").asInt());
    }

    @Test
    void aDroppedSweepRunsEveryPointWithItsPathsReadFromTheInboxAndIsFiledUnderDone() throws Exception {
        Files.copy(DATASETS.resolve("forty.jsonl"), work().resolve("four.jsonl"));
        Path sweep = Files.writeString(work().resolve("grid.sweep.yaml"), """
                dataset: ../four.jsonl
                repeats: 1
                overrides: {benchmark.num_requests: 4}
                grid:
                  benchmark.concurrency: [1, 2]
                """);
        drop(sweep, "grid.sweep.yaml");

        Path done = awaitSingle(() -> list(inbox().resolve(".done")));
        Path sweepFolder = awaitSingle(() -> list(outbox()).stream().filter(p -> p.getFileName().toString().startsWith("sweep-grid-")).toList());

        assertTrue(done.getFileName().toString().endsWith("-grid.sweep.yaml"), done.toString());
        JsonNode summary = new ObjectMapper().readTree(sweepFolder.resolve("summary.json").toFile());
        assertEquals("completed", summary.get("status").asText(), summary.toString());
        assertEquals(2, summary.get("rows").size());
        assertEquals(8, server().received().size(), "two runs of four requests");
        assertTrue(list(inbox().resolve(".running")).isEmpty());
    }

    @Test
    void aSweepFileThatCannotRunGetsAnErrorReportNamingItsKey() throws Exception {
        Files.createDirectories(inbox());
        Files.writeString(inbox().resolve("typo.sweep.yaml"), "grid:\n  benchmark.concurency: [1, 2]\n");

        awaitSingle(() -> list(inbox().resolve(".failed")));
        Path report = awaitSingle(() -> list(outbox()).stream().filter(p -> p.getFileName().toString().startsWith("typo-")).toList());

        assertTrue(Files.readString(report.resolve("error.txt")).contains("did you mean 'benchmark.concurrency'"),
                Files.readString(report.resolve("error.txt")));
        assertEquals(0, server().received().size());
    }

    @Test
    void aFileThatIsNotADatasetGetsAnErrorReportAndMovesToFailed() throws Exception {
        Files.createDirectories(inbox());
        Files.writeString(inbox().resolve("notes.txt"), "not a dataset");

        Path failed = awaitSingle(() -> list(inbox().resolve(".failed")));
        Path runFolder = awaitSingle(() -> list(outbox()).stream().filter(p -> p.getFileName().toString().startsWith("notes.txt-")).toList());

        assertTrue(failed.getFileName().toString().endsWith("-notes.txt"));
        assertTrue(Files.readString(runFolder.resolve("error.txt")).contains("not a JSONL dataset"));
    }

    @Test
    void aDatasetThatCannotRunMovesToFailedWithItsReason() throws Exception {
        drop(DATASETS.resolve("invalid-only.jsonl"), "broken.jsonl");

        awaitSingle(() -> list(inbox().resolve(".failed")));
        Path runFolder = awaitSingle(() -> list(outbox()).stream().filter(p -> p.getFileName().toString().startsWith("broken-")).toList());

        assertTrue(Files.readString(runFolder.resolve("error.txt")).contains("the dataset has no valid line"));
    }

    @Test
    void filesStillBeingWrittenOrHiddenAreLeftAlone() throws Exception {
        Files.createDirectories(inbox());
        Files.writeString(inbox().resolve("upload.jsonl.part"), "{\"prompt\":\"x\",\"adapter_name\":\"alpha\"}\n");
        Files.writeString(inbox().resolve("upload.tmp"), "partial");
        Files.writeString(inbox().resolve(".hidden.jsonl"), "{\"prompt\":\"x\",\"adapter_name\":\"alpha\"}\n");
        drop(DATASETS.resolve("forty.jsonl"), "marker.jsonl");

        awaitSingle(() -> list(inbox().resolve(".done")));
        List<String> leftAlone = List.of(".done", ".hidden.jsonl", ".running", "upload.jsonl.part", "upload.tmp");
        // The file component lets go of the dataset's read lock just after moving it to .done.
        Instant patience = Instant.now().plusSeconds(10);
        while (!inboxNames().equals(leftAlone) && Instant.now().isBefore(patience)) {
            Thread.sleep(100);
        }

        assertEquals(leftAlone, inboxNames());
        assertTrue(server().received().stream().noneMatch(r -> r.body().get("prompt").asText().equals("x")));
    }

    @Test
    void aDatasetDroppedUnderTheSameNameWhileTheFirstRunsGetsItsOwnRun() throws Exception {
        server().holdMillis(50);
        writeConfig(Map.of("concurrency", "1"));
        drop(DATASETS.resolve("forty.jsonl"), "same.jsonl");
        awaitSingle(() -> list(inbox().resolve(".running")));
        Path three = work().resolve("three.jsonl");
        Files.writeString(three, "{\"prompt\": \"second drop 1\", \"adapter_name\": \"alpha\"}\n"
                + "{\"prompt\": \"second drop 2\", \"adapter_name\": \"alpha\"}\n"
                + "{\"prompt\": \"second drop 3\", \"adapter_name\": \"alpha\"}\n");
        drop(three, "same.jsonl");

        await(() -> list(inbox().resolve(".done")).size() == 2, PATIENCE);

        List<Path> runs = list(outbox()).stream().filter(p -> p.getFileName().toString().startsWith("same-")).sorted().toList();
        assertEquals(2, runs.size(), "two run folders: " + runs);
        assertEquals(40 + 3, server().received().size(), "each drop ran in full, once");
        assertEquals(3, server().receivedWithPrompt("second drop"));
    }

    @Test
    void anEmptyFileEndsAsAnErrorReportAndMovesToFailed() throws Exception {
        Files.createDirectories(inbox());
        Files.writeString(inbox().resolve("empty.jsonl"), "");

        Path failed = awaitSingle(() -> list(inbox().resolve(".failed")));
        Path runFolder = awaitSingle(() -> list(outbox()).stream().filter(p -> p.getFileName().toString().startsWith("empty-")).toList());

        assertTrue(failed.getFileName().toString().endsWith("-empty.jsonl"));
        assertTrue(Files.exists(runFolder.resolve("error.txt")));
        assertTrue(list(inbox()).stream().noneMatch(Files::isRegularFile), "no file and no .camelLock is left in the inbox: " + list(inbox()));
    }

    @Test
    void aDroppedDirectoryEndsAsAnErrorReportAndMovesToFailed() throws Exception {
        Path folder = Files.createDirectories(inbox().resolve("batch"));
        Files.copy(DATASETS.resolve("forty.jsonl"), folder.resolve("forty.jsonl"));
        Files.setLastModifiedTime(folder, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(60)));

        Path failed = awaitSingle(() -> list(inbox().resolve(".failed")));
        Path runFolder = awaitSingle(() -> list(outbox()).stream().filter(p -> p.getFileName().toString().startsWith("batch-")).toList());

        assertTrue(Files.isRegularFile(failed.resolve("forty.jsonl")), "the directory moved whole: " + failed);
        assertTrue(Files.readString(runFolder.resolve("error.txt")).contains("a directory, not a JSONL dataset"));
        assertEquals(0, server().received().size());
    }

    @Test
    void aSidecarBesideADatasetSetsThatDatasetsOwnKeysAndTravelsWithIt() throws Exception {
        Files.createDirectories(inbox());
        Files.writeString(inbox().resolve("tuned.config.yaml"), "benchmark:\n  num_requests: 3\n");
        drop(DATASETS.resolve("forty.jsonl"), "tuned.jsonl");

        Path run = awaitSingle(() -> list(outbox()).stream().filter(p -> p.getFileName().toString().startsWith("tuned-")).toList());
        await(() -> list(inbox().resolve(".done")).size() == 2, PATIENCE);

        assertEquals(3, new ObjectMapper().readTree(run.resolve("results.json").toFile()).get("total_requests").asInt());
        assertEquals(List.of("config.yaml", "jsonl"), list(inbox().resolve(".done")).stream()
                .map(p -> p.getFileName().toString().substring(p.getFileName().toString().indexOf('.') + 1)).sorted().toList());
    }

    @Test
    void aBadSidecarIsAnErrorReportForItsDatasetAndTheWatcherGoesOn() throws Exception {
        Files.createDirectories(inbox());
        Files.writeString(inbox().resolve("typo.config.yaml"), "benchmark:\n  concurency: 64\n");
        drop(DATASETS.resolve("forty.jsonl"), "typo.jsonl");

        Path run = awaitSingle(() -> list(outbox()).stream().filter(p -> p.getFileName().toString().startsWith("typo-")).toList());
        String report = Files.readString(run.resolve("error.txt"));
        assertTrue(report.contains("sidecar") && report.contains("typo.config.yaml") && report.contains("benchmark.concurency"), report);
        await(() -> list(inbox().resolve(".failed")).size() == 2, PATIENCE);

        drop(DATASETS.resolve("forty.jsonl"), "after.jsonl");
        awaitSingle(() -> list(inbox().resolve(".done")));
    }

    @Test
    void anAdapterSetBesideADatasetIsThatRunsAdaptersDirAndTravelsWithIt() throws Exception {
        Path adapters = Files.createDirectories(inbox().resolve("delivered.adapters"));
        copyFolder(FIXTURE_ADAPTERS.resolve("alpha"), adapters.resolve("alpha"));
        drop(DATASETS.resolve("forty.jsonl"), "delivered.jsonl");

        Path run = awaitSingle(() -> list(outbox()).stream().filter(p -> p.getFileName().toString().startsWith("delivered-")).toList());
        await(() -> list(inbox().resolve(".done")).size() == 2, PATIENCE);

        String adaptersDir = new ObjectMapper().readTree(run.resolve("results.json").toFile()).get("config").get("lora").get("adapters_dir").asText();
        assertEquals(inbox().resolve(".running").resolve("delivered.adapters").toString(), adaptersDir);
        Path filed = list(inbox().resolve(".done")).stream().filter(Files::isDirectory).findFirst().orElseThrow();
        assertTrue(filed.getFileName().toString().endsWith("-delivered.adapters"), filed.toString());
        assertTrue(Files.isRegularFile(filed.resolve("alpha").resolve("adapter_config.json")), "the adapter set moved whole");
        assertTrue(list(inbox().resolve(".failed")).isEmpty(), "an adapter set is not a stray directory: " + list(inbox().resolve(".failed")));
    }

    static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private List<String> inboxNames() {
        return list(inbox()).stream().map(p -> p.getFileName().toString()).sorted().toList();
    }

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".partial")
                    && !p.getFileName().toString().equals(".multilora.lock")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }


    private static Path awaitSingle(Supplier<List<Path>> files) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            List<Path> found = files.get();
            if (found.size() == 1) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected exactly one file, found " + files.get());
    }
}
