package dev.multilora.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.testing.BrokerTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
        return properties;
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
                List.of("results.csv"));
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
        WorkItem item = new WorkItem("id-2", "orphan", WorkItem.INBOX, "", null, Map.of(), null, Map.of(), 0);
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
