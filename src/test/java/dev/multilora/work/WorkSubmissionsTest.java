package dev.multilora.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.config.ConfigLoader;
import dev.multilora.config.Schedule;
import dev.multilora.observe.CurrentRun;
import dev.multilora.run.RunAbortedException;
import dev.multilora.run.RunRequest;
import dev.multilora.schedule.ScheduleFire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run as the coordinator puts it on the queue, and as a worker on another machine rebuilds it. */
class WorkSubmissionsTest {
    @TempDir
    Path work;

    @Test
    void aScheduleFireTravelsWithItsDatasetOverridesAndFireTime() throws Exception {
        Path config = work.resolve("config.yaml");
        Files.writeString(config, "model: {name: m}\nwork: {requires: {engine: vllm}}\n");
        Path dataset = work.resolve("nightly.jsonl");
        byte[] bytes = "{\"prompt\": \"a\", \"adapter_name\": \"x\"}\n{\"prompt\": \"\\u00e9\"}\n\u00ff not UTF-8\n".getBytes("ISO-8859-1");
        Files.write(dataset, bytes);
        Schedule schedule = new Schedule("nightly", "0 0 2 * * ?", ZoneId.of("Europe/Berlin"), dataset, Map.of("benchmark.concurrency", 64));
        ScheduleFire fire = new ScheduleFire(schedule, Instant.parse("2026-12-02T01:00:00Z"));
        ConfigLoader loader = new ConfigLoader(Map.of(), new Properties(), work);

        WorkItem item = new WorkSubmissions(loader).of(new RunRequest(dataset, config, Map.of(), RunRequest.WATCH, work, null, fire));

        assertEquals("nightly", item.name());
        assertEquals(WorkItem.SCHEDULE, item.origin());
        assertEquals(Map.of("engine", "vllm"), item.requires());
        Path workerOutbox = work.resolve("worker-outbox");
        WorkerRuns worker = new WorkerRuns(loader, config, workerOutbox, new WorkerIdentity(() -> loader.load(config, Map.of()), new CurrentRun()));
        RunRequest rebuilt = worker.request(item, 1);
        assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(rebuilt.dataset())), "the dataset arrives byte for byte");
        assertEquals(workerOutbox.resolve(".work/nightly.jsonl"), rebuilt.dataset());
        assertEquals(fire.describe(), rebuilt.fire().describe(), "results.json names the same schedule and fire time");
        assertEquals(Map.of("benchmark.concurrency", 64), rebuilt.fire().schedule().overrides());
    }

    @Test
    void aDatasetOverTheMessageLimitIsAnErrorNamingTheKey() throws Exception {
        Path config = work.resolve("config.yaml");
        Files.writeString(config, "model: {name: m}\nwork: {max_message_bytes: 1024}\n");
        Path dataset = work.resolve("big.jsonl");
        Files.writeString(dataset, "{\"prompt\": \"x\", \"adapter_name\": \"a\"}\n".repeat(100));

        RunAbortedException error = assertThrows(RunAbortedException.class, () -> new WorkSubmissions(
                new ConfigLoader(Map.of(), new Properties(), work)).of(new RunRequest(dataset, config, Map.of(), RunRequest.WATCH, work)));
        assertTrue(error.getMessage().contains("work.max_message_bytes (1024)"), error.getMessage());
    }
}
