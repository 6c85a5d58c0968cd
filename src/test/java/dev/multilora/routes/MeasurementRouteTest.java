package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.run.RunOutcome;
import dev.multilora.testing.FakeVllm;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The live measurement against a server whose timing is known: what the client reports can never
 * beat what the server did (holds, gaps between events), the server sees exactly the concurrency
 * and the plan's order, and the client's own waits are reported apart and true. Every bound here is
 * one that timing on a loaded machine can only make easier to meet for a correct client, and one a
 * client that buffers, over-dispatches, reorders or mis-attributes its waits cannot meet.
 */
class MeasurementRouteTest extends PipelineTestSupport {
    /** Clock granularity and rounding of the CSV's seconds; never a scheduling allowance. */
    private static final double CLOCK_MS = 2;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected long serverHoldMillis() {
        return 0;
    }

    @Test
    void streamedEventsAreTimedAsTheyArriveNotWhenTheResponseEnds() throws IOException {
        int events = 8;
        long gapMs = 40;
        long holdMs = 100;
        server().holdMillis(holdMs).streamEvents(events, gapMs);

        RunOutcome outcome = bench(dataset(6), settings("benchmark.concurrency", "3"));

        assertTrue(outcome.isCompleted(), outcome.message());
        List<CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv"));
        assertEquals(6, rows.size());
        for (CSVRecord row : rows) {
            assertEquals("", row.get("error"), row.toString());
            double ttftMs = 1000 * Double.parseDouble(row.get("ttft"));
            double latencyMs = 1000 * Double.parseDouble(row.get("latency"));
            assertEquals(events, Integer.parseInt(row.get("num_tokens")));
            assertTrue(ttftMs >= holdMs - CLOCK_MS, "TTFT " + ttftMs + " ms is shorter than the server's hold of " + holdMs + " ms");
            // The first event's read may be late by however long this thread was off the CPU, which
            // shortens the span; 20 ms of that is allowed. A buffered read has a span near 0.
            double spanMs = latencyMs - ttftMs;
            assertTrue(spanMs >= (events - 1) * gapMs - 20,
                    "first to last event took " + spanMs + " ms; the server spaced " + events + " events " + gapMs + " ms apart");
        }
        JsonNode results = json.readTree(outcome.folder().resolve("results.json").toFile());
        assertTrue(results.get("median_itl_ms").asDouble() >= 0.9 * gapMs, "median ITL " + results.get("median_itl_ms"));
        assertTrue(results.get("mean_itl_ms").asDouble() >= gapMs - CLOCK_MS, "mean ITL " + results.get("mean_itl_ms"));
    }

    @Test
    void theRehearsalsRequestsAreNeitherRowsNorInterTokenLatenciesOfTheRun() throws IOException {
        int events = 4;
        long gapMs = 40;
        server().holdMillis(0).streamEvents(events, gapMs);

        // Rehearsed requests carry ids, like measured ones, and their replayed events come ~0 ms apart.
        RunOutcome outcome = bench(dataset(3), settings("benchmark.concurrency", "3", "benchmark.client_warmup_requests", "60",
                "benchmark.client_warmup_rounds", "2"));

        assertTrue(outcome.isCompleted(), outcome.message());
        assertEquals(3, readCsv(outcome.folder().resolve("results.csv")).size());
        assertEquals(3, server().received().size());
        JsonNode results = json.readTree(outcome.folder().resolve("results.json").toFile());
        assertTrue(results.get("mean_itl_ms").asDouble() >= gapMs - CLOCK_MS,
                "mean ITL " + results.get("mean_itl_ms") + " ms; the server spaced its events " + gapMs + " ms apart");
    }

    @Test
    void exactlyTheConcurrencyIsInFlightAtTheServerThroughoutTheRun() throws IOException {
        int concurrency = 6;
        server().holdMillis(300).streamEvents(1, 0);

        RunOutcome outcome = bench(dataset(60), settings("benchmark.concurrency", Integer.toString(concurrency)));

        assertTrue(outcome.isCompleted(), outcome.message());
        assertEquals(60, server().visits().size());
        assertEquals(concurrency, server().maxInFlight(), "never more than the concurrency, and that many at some point");
        double mean = server().meanInFlightOverMiddle(0.15);
        assertTrue(mean >= 0.9 * concurrency && mean <= concurrency, "mean in flight at the server " + mean + ", concurrency " + concurrency);
    }

    @Test
    void requestsReachTheServerInPlanOrder() throws IOException {
        // 50 req/s with gaps of Gamma shape 100 (about 20 ms +- 2 ms): due times that far apart leave
        // in order from any correct dispatch, whatever the worker threads do, once the client has
        // rehearsed: unrehearsed, the first requests' threads queue on the class loader in the HTTP
        // client's connect step and reach the server together, in any order.
        server().holdMillis(20);
        RunOutcome scheduled = bench(dataset(40), settings("benchmark.concurrency", "8", "benchmark.request_rate", "50",
                "benchmark.burstiness", "100", "benchmark.client_warmup_requests", "100"));
        assertTrue(scheduled.isCompleted(), scheduled.message());
        assertEquals(40, requestIdsOnTheWire().size());
        assertIncreasing(requestIdsOnTheWire());

        FakeVllm closedLoop = server();
        int before = closedLoop.received().size();
        closedLoop.holdMillis(0);
        RunOutcome sequentialRun = bench(dataset(30), settings("benchmark.concurrency", "1"));
        assertTrue(sequentialRun.isCompleted(), sequentialRun.message());
        List<Integer> sequential = requestIdsOnTheWire().subList(before, closedLoop.received().size());
        assertEquals(30, sequential.size());
        assertIncreasing(sequential);
    }

    @Test
    void aClosedLoopOnAnInstantServerReportsItsWaitAsSlotWaitNotSlip() throws IOException {
        server().holdMillis(0).streamEvents(1, 0);

        RunOutcome outcome = bench(dataset(300), settings("benchmark.concurrency", "4"));

        JsonNode results = json.readTree(outcome.folder().resolve("results.json").toFile());
        double slipP50 = results.get("scheduler_slip_ms").get("p50").asDouble();
        double slotWaitP50 = results.get("slot_wait_ms").get("p50").asDouble();
        assertTrue(slipP50 < 20, "scheduler slip p50 " + slipP50 + " ms in a closed loop with nothing to wait for but slots");
        List<CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv"));
        double late = 0;
        double slotWait = 0;
        for (CSVRecord row : rows) {
            late += Double.parseDouble(row.get("start_offset")) - Double.parseDouble(row.get("scheduled_offset"));
            slotWait += Double.parseDouble(row.get("slot_wait"));
        }
        assertTrue(slotWait >= 0.8 * late, "slot wait " + slotWait + " s of " + late + " s the requests left after they were due");
        assertTrue(slotWaitP50 > slipP50, "slot wait p50 " + slotWaitP50 + " ms, slip p50 " + slipP50 + " ms");
    }

    @Test
    void aRequestAfterOneSettledUnsentStillWaitedForTheSlotTheRequestBeforeHeld() throws IOException {
        server().holdMillis(150);
        Path file = Files.createTempFile(work(), "unknown-between", ".jsonl");
        Files.writeString(file, "{\"prompt\": \"one\", \"adapter_name\": \"alpha\"}\n"
                + "{\"prompt\": \"two\", \"adapter_name\": \"nope\"}\n"
                + "{\"prompt\": \"three\", \"adapter_name\": \"alpha\"}\n");

        RunOutcome outcome = bench(file, settings("benchmark.concurrency", "1"));

        Map<String, CSVRecord> byPrompt = new HashMap<>();
        readCsv(outcome.folder().resolve("results.csv")).forEach(row -> byPrompt.put(row.get("prompt"), row));
        assertTrue(byPrompt.get("two").get("error").startsWith("unknown adapter 'nope'"));
        double third = Double.parseDouble(byPrompt.get("three").get("slot_wait"));
        assertTrue(third >= 0.150 - CLOCK_MS / 1000, "due at the start, the third waited " + third
                + " s for the only slot, held by the first for at least the server's 150 ms hold");
    }

    @Test
    void onAScheduleWithFreeSlotsNoRequestWaitsForASlot() throws IOException {
        server().holdMillis(5).streamEvents(1, 0);

        // More slots than requests: however the sends bunch up on a loaded machine, none can find the gate full.
        RunOutcome outcome = bench(dataset(50), settings("benchmark.concurrency", "64", "benchmark.request_rate", "100"));

        JsonNode results = json.readTree(outcome.folder().resolve("results.json").toFile());
        double slotWaitP99 = results.get("slot_wait_ms").get("p99").asDouble();
        assertTrue(slotWaitP99 < 5, "slot wait p99 " + slotWaitP99 + " ms with " + server().maxInFlight() + " of 64 slots ever used");
    }

    @Test
    void totalDurationRunsFromTheFirstSendToTheLastResponseAndTheRehearsalNeverReachesTheServer() throws IOException {
        long holdMs = 300;
        server().holdMillis(holdMs).streamEvents(1, 0);

        RunOutcome rehearsed = bench(dataset(1), settings("benchmark.concurrency", "1", "benchmark.client_warmup_requests", "100",
                "benchmark.client_warmup_rounds", "3"));

        JsonNode results = json.readTree(rehearsed.folder().resolve("results.json").toFile());
        double duration = results.get("total_duration").asDouble();
        assertTrue(duration >= holdMs / 1000.0 - CLOCK_MS / 1000, "total_duration " + duration + " s, the server held " + holdMs + " ms");
        assertTrue(duration < holdMs / 1000.0 + 0.5, "total_duration " + duration + " s includes more than the one request");
        int withRehearsal = server().received().size();
        assertEquals(1, withRehearsal, "the client's warm-up rehearses against its local replay only, round after round");

        bench(dataset(1), settings("benchmark.concurrency", "1", "benchmark.client_warmup_requests", "0"));
        assertEquals(withRehearsal, server().received().size() - withRehearsal);
    }

    /**
     * Run settings for a test: no client rehearsal (it costs seconds per run, and every bound here
     * holds without it) unless the test puts it back, plus the given key/value pairs.
     */
    private static Map<String, String> settings(String... keyValues) {
        Map<String, String> settings = new HashMap<>(Map.of("benchmark.client_warmup_requests", "0"));
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }

    /** A dataset of {@code lines} short prompts over the three fixture adapters. */
    private Path dataset(int lines) throws IOException {
        StringBuilder content = new StringBuilder();
        List<String> adapters = List.of("alpha", "beta", "gamma");
        for (int i = 0; i < lines; i++) {
            content.append("{\"prompt\": \"prompt ").append(i).append("\", \"adapter_name\": \"").append(adapters.get(i % 3)).append("\"}\n");
        }
        Path file = Files.createTempFile(work(), "measure", ".jsonl");
        Files.writeString(file, content);
        return file;
    }

    private List<Integer> requestIdsOnTheWire() {
        return server().arrivalOrder().stream().map(Integer::parseInt).toList();
    }

    private static void assertIncreasing(List<Integer> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) > ids.get(i - 1), "request " + ids.get(i) + " reached the server after " + ids.get(i - 1) + ": " + ids);
        }
    }
}
