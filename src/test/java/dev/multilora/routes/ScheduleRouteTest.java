package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.testing.PipelineTestSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** routes/schedule.camel.yaml and routes/queue.camel.yaml under `watch`, with a schedule firing every two seconds. */
class ScheduleRouteTest extends PipelineTestSupport {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected boolean watchMode() {
        return true;
    }

    @Override
    protected String extraConfig() {
        return """
                schedules:
                  - name: every-two
                    cron: "0/2 * * * * ?"
                    time_zone: America/New_York
                    dataset: %s
                    overrides: {benchmark.num_requests: 2, generation.max_tokens: 3}
                """.formatted(DATASETS.resolve("scheduled.jsonl"));
    }

    @Test
    void twoFiresBecomeTwoRunsInOrderEachComparedWithTheOneBefore() throws Exception {
        await(() -> scheduledRuns().size() >= 2, PATIENCE);

        List<JsonNode> runs = scheduledRuns().subList(0, 2);
        OffsetDateTime first = OffsetDateTime.parse(runs.get(0).get("schedule").get("fire_time").asText());
        OffsetDateTime second = OffsetDateTime.parse(runs.get(1).get("schedule").get("fire_time").asText());
        assertTrue(second.isAfter(first), first + " then " + second);
        for (JsonNode run : runs) {
            assertEquals("every-two", run.get("schedule").get("name").asText());
            assertEquals(java.time.ZoneId.of("America/New_York").getRules().getOffset(first.toInstant()), first.getOffset(),
                    "the fire time is given in the schedule's zone");
            assertEquals(2, run.get("total_requests").asInt(), "the schedule's overrides apply");
            assertEquals(3, run.get("config").get("generation").get("max_tokens").asInt());
        }
        List<JsonNode> history = history();
        assertEquals("every-two", history.get(0).get("schedule").asText());
        assertNull(runs.get(0).get("comparison").get("previous_run").textValue(), "the first run has nothing before it");
        assertEquals(history.get(0).get("run").asText(), runs.get(1).get("comparison").get("previous_run").asText(),
                "the second run is compared with the schedule's previous run");
    }

    @Test
    void aFireDuringARunWaitsForItAndAFurtherFireOfTheSameScheduleIsSkippedAndCounted() throws Exception {
        writeConfig(Map.of("concurrency", "1"));
        server().holdMillis(200);
        drop(DATASETS.resolve("forty.jsonl"), "long.jsonl");

        await(() -> skippedFires() >= 1, PATIENCE);
        server().holdMillis(5);
        await(() -> runAfter("long-").isPresent(), PATIENCE);

        JsonNode inboxRun = results(history().stream().filter(h -> h.get("run").asText().startsWith("long-")).findFirst().orElseThrow());
        LocalDateTime inboxRunEnded = LocalDateTime.parse(inboxRun.get("timestamp").asText())
                .plusNanos(Math.round(inboxRun.get("total_duration").asDouble() * 1e9));
        JsonNode next = results(runAfter("long-").orElseThrow());
        LocalDateTime fired = OffsetDateTime.parse(next.get("schedule").get("fire_time").asText())
                .atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        assertTrue(fired.isBefore(inboxRunEnded), "the run after the dataset's is a fire that came while it ran: fired "
                + fired + ", the dataset's run ended " + inboxRunEnded);
        assertEquals(1, server().maxInFlight(), "never two runs at once (each sends one request at a time)");
        assertEquals(1, list(inbox().resolve(".done")).size(), "the dataset was filed once its run ended");
    }

    /** The history line right after the first run whose folder starts with the prefix. */
    private java.util.Optional<JsonNode> runAfter(String prefix) {
        List<JsonNode> history = history();
        for (int i = 0; i < history.size() - 1; i++) {
            if (history.get(i).get("run").asText().startsWith(prefix)) {
                return java.util.Optional.of(history.get(i + 1));
            }
        }
        return java.util.Optional.empty();
    }

    private double skippedFires() {
        PrometheusMeterRegistry registry = context.getRegistry().findSingleByType(PrometheusMeterRegistry.class);
        Counter counter = registry.find("multilora.schedule.skipped").tag("schedule", "every-two").counter();
        return counter == null ? 0 : counter.count();
    }



    /** The scheduled runs' results.json, in the order they ran. */
    private List<JsonNode> scheduledRuns() {
        List<JsonNode> runs = new ArrayList<>();
        for (JsonNode line : history()) {
            if (!line.get("schedule").isNull()) {
                runs.add(results(line));
            }
        }
        return runs;
    }

    private JsonNode results(JsonNode historyLine) {
        try {
            return JSON.readTree(outbox().resolve(historyLine.get("run").asText()).resolve("results.json").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<JsonNode> history() {
        Path file = outbox().resolve("runs.jsonl");
        List<JsonNode> lines = new ArrayList<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines;
    }


    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
