package dev.multilora.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.api.RunLookup;
import dev.multilora.config.ConfigLoader;
import dev.multilora.run.RunOutcome;
import dev.multilora.sweep.SweepFile;
import dev.multilora.sweep.SweepOutcome;
import dev.multilora.sweep.SweepPlan;
import dev.multilora.sweep.SweepRequest;
import dev.multilora.testing.BrokerTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * The coordinating `watch` (work.broker_url set) against a real embedded Artemis broker: a dropped
 * dataset becomes a run message with its requirements as selector properties, a worker's result is
 * collected once into the outbox and runs.jsonl however often the broker delivers it, and a dead
 * letter becomes an error report.
 */
class CoordinatorRouteTest extends BrokerTestSupport {
    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected boolean watchMode() {
        return true;
    }

    @Override
    protected Properties extraProperties() {
        Properties properties = new Properties();
        properties.setProperty("multilora.work.broker_url", brokerUrl());
        properties.setProperty("multilora.work.coordinator", "true");
        properties.setProperty("multilora.runs.endpoint", "direct:work-submit");
        properties.setProperty("multilora.sweep.runs.endpoint", "direct:work-run");
        properties.setProperty("multilora.work.listener", "true");
        return properties;
    }

    @Test
    void theRunApiFollowsARunOnTheWorkQueueToItsWorkerAndItsResults() throws Exception {
        RunLookup lookup = context.getRegistry().lookupByNameAndType("runLookup", RunLookup.class);
        drop(DATASETS.resolve("forty.jsonl"), "remote.jsonl");
        Exchange message = consumer.receive("jms:queue:multilora.work", 20_000);
        assertNotNull(message, "the run is on the work queue");
        WorkItem item = json.readValue(message.getMessage().getBody(String.class), WorkItem.class);
        await(() -> lookup.status("remote").workId() != null);
        RunLookup.RunView waiting = lookup.status("remote");
        assertEquals(item.id(), waiting.workId());
        assertTrue(waiting.message().contains("on the work queue since"), waiting.message());
        assertEquals(List.of("remote"), lookup.list(null).onWorkQueue());

        template.sendBody("jms:topic:multilora.workers", json.writeValueAsString(
                new Heartbeat("w7", "vllm", "base-model", "H100", "remote.jsonl", item.id(), Instant.now().toString())));
        await(() -> "running".equals(lookup.status("remote").status()));
        assertEquals("w7", lookup.status("remote").worker());

        template.sendBody("jms:queue:multilora.results", json.writeValueAsString(result(item, "remote-20261202-120000")));
        await(() -> "completed".equals(lookup.status("remote").status()));
        assertEquals(outbox().resolve("remote-20261202-120000").toString(), lookup.status("remote").folder());
        assertEquals(List.of(), lookup.list(null).onWorkQueue());
    }

    @Test
    void aSweepsPointsGoToTheWorkQueueOneAtATimeAndAreCollectedIntoItsFolder() throws Exception {
        Path dataset = Files.copy(DATASETS.resolve("forty.jsonl"), work().resolve("grid.jsonl"));
        Path file = Files.writeString(work().resolve("grid.sweep.yaml"), "dataset: " + dataset + "\nrepeats: 1\ngrid:\n  benchmark.concurrency: [1, 2]\n");
        SweepPlan plan = new SweepFile(new ConfigLoader(Map.of(), new Properties(), work())).read(file, configFile());
        CompletableFuture<SweepOutcome> sweep = CompletableFuture.supplyAsync(
                () -> template.requestBody("direct:sweep", new SweepRequest(plan, null), SweepOutcome.class));

        List<String> concurrencies = new ArrayList<>();
        for (int point = 1; point <= 2; point++) {
            Exchange message = consumer.receive("jms:queue:multilora.work", 20_000);
            assertNotNull(message, "point " + point + " is on the work queue");
            WorkItem item = json.readValue(message.getMessage().getBody(String.class), WorkItem.class);
            assertEquals(WorkItem.SWEEP, item.origin());
            assertFalse(item.overrides().containsKey("paths.outbox"), "the worker writes into its own outbox: " + item.overrides());
            concurrencies.add(item.overrides().get("benchmark.concurrency"));
            Path sweepFolder = Path.of(item.collectInto());
            assertTrue(Files.isRegularFile(sweepFolder.resolve("sweep.json")), item.collectInto());
            assertNull(consumer.receive("jms:queue:multilora.work", 1_000), "the next point waits for this one's result");
            template.sendBody("jms:queue:multilora.results", json.writeValueAsString(result(item, "grid-2026120" + point + "-120000")));
        }
        SweepOutcome outcome = sweep.get(30, TimeUnit.SECONDS);

        assertEquals(List.of("1", "2"), concurrencies);
        assertEquals(0, outcome.notDone());
        assertEquals(RunOutcome.Status.COMPLETED, outcome.status());
        assertTrue(Files.isRegularFile(outcome.folder().resolve("grid-20261201-120000/results.json")), "collected into the sweep folder");
        assertEquals(2, Files.readAllLines(outcome.folder().resolve("runs.jsonl")).size());
        JsonNode summary = json.readTree(outcome.folder().resolve("summary.json").toFile());
        assertEquals(2, summary.path("rows").size());
        assertEquals("completed", summary.path("rows").path(1).path("status").asText());
        assertEquals(12.5, summary.path("rows").path(1).path("request_throughput").asDouble());
        try (Stream<Path> left = Files.list(outbox().resolve(".submitted"))) {
            assertEquals(0, left.count(), "nothing is outstanding once every point is collected");
        }
    }

    /** A completed run's result for the item, as a worker sends it. */
    private WorkResult result(WorkItem item, String folder) throws Exception {
        String results = json.writeValueAsString(Map.of("status", "completed", "request_throughput", 12.5, "p99_ttft_ms", 40.0));
        return new WorkResult(item.id(), 0, 1, "w7", item.name(), "completed", null, folder,
                Map.of("run", folder, "status", "completed"), Map.of("status", "completed", "dataset", item.name()),
                Map.of("results.json", Base64.getEncoder().encodeToString(results.getBytes(StandardCharsets.UTF_8))), List.of(),
                item.collectInto(), false);
    }

    @Test
    void aDroppedDatasetBecomesARunMessageWithItsRequirementsAndIsFiledAsDone() throws Exception {
        Files.createDirectories(inbox());
        Files.writeString(inbox().resolve("gpu-run.config.yaml"), "work: {requires: {gpu: H100}}\nbenchmark: {concurrency: 2}\n");
        Path staged = work().resolve("gpu-run.jsonl");
        Files.copy(DATASETS.resolve("forty.jsonl"), staged);
        Files.move(staged, inbox().resolve("gpu-run.jsonl"));

        Exchange message = consumer.receive("jms:queue:multilora.work", 20_000);
        assertNotNull(message, "the run is on the work queue");
        assertEquals("H100", message.getMessage().getHeader("requires_gpu"));
        assertEquals("gpu-run", message.getMessage().getHeader("dataset"));
        WorkItem item = json.readValue(message.getMessage().getBody(String.class), WorkItem.class);
        assertEquals("gpu-run", item.name());
        assertEquals(WorkItem.INBOX, item.origin());
        assertEquals(Map.of("gpu", "H100"), item.requires());
        assertEquals(Files.readString(DATASETS.resolve("forty.jsonl")), new String(Base64.getDecoder().decode(item.dataset()), StandardCharsets.UTF_8));
        assertTrue(item.sidecar().contains("concurrency: 2"), item.sidecar());
        awaitFile(inbox().resolve(".done"), "-gpu-run.jsonl");
    }

    @Test
    void aWorkersResultIsCollectedOnceIntoTheOutboxAndRunsJsonl() throws Exception {
        WorkResult result = new WorkResult("id-1", 0, 2, "w1", "sample", "completed", null, "sample-20261202-120000",
                Map.of("run", "sample-20261202-120000", "dataset", "/w1/outbox/.work/sample.jsonl", "status", "completed"),
                Map.of("status", "completed", "dataset", "sample"),
                Map.of("results.json", Base64.getEncoder().encodeToString("{\"status\": \"completed\"}".getBytes(StandardCharsets.UTF_8)),
                        "plots/ttft.png", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})),
                List.of("results.csv"), null, false);
        String body = json.writeValueAsString(result);
        template.sendBody("jms:queue:multilora.results", body);
        template.sendBody("jms:queue:multilora.results", body);

        Path runs = outbox().resolve("runs.jsonl");
        await(() -> Files.isRegularFile(outbox().resolve(".collected"))
                && Files.readAllLines(outbox().resolve(".collected")).size() >= 1);
        Thread.sleep(1500);
        List<String> lines = Files.readAllLines(runs);
        assertEquals(1, lines.size(), "a result delivered twice is collected once: " + lines);
        Map<?, ?> line = json.readValue(lines.get(0), Map.class);
        assertEquals("w1", line.get("worker"));
        assertEquals(2, line.get("attempt"));
        assertEquals("sample-20261202-120000", line.get("run"));
        Path folder = outbox().resolve("sample-20261202-120000");
        assertEquals("{\"status\": \"completed\"}", Files.readString(folder.resolve("results.json")));
        assertEquals(3, Files.size(folder.resolve("plots/ttft.png")));
    }

    @Test
    void aRunNoWorkerFinishedEndsAsAnErrorReport() throws Exception {
        WorkItem item = new WorkItem("id-2", "orphan", WorkItem.INBOX, "", null, Map.of(), null, Map.of(), 0, null);
        template.sendBody("jms:queue:multilora.work.dead", json.writeValueAsString(item));

        Path report = awaitFile(outbox(), "orphan-");
        String error = Files.readString(report.resolve("error.txt"));
        assertTrue(error.contains("no worker finished run id-2") && error.contains("work.dead_letter_queue"), error);
    }

    private Path awaitFile(Path folder, String namePart) throws Exception {
        await(() -> Files.isDirectory(folder) && find(folder, namePart) != null);
        return find(folder, namePart);
    }

    private static Path find(Path folder, String namePart) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(path -> path.getFileName().toString().contains(namePart)).findFirst().orElse(null);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!check.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(100);
        }
    }
}
