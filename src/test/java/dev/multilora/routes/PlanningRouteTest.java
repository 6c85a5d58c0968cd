package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.run.RunOutcome;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Adapter popularity, the arrival schedule and manifest.json, through the real routes. */
class PlanningRouteTest extends PipelineTestSupport {
    private static final Path FORTY = DATASETS.resolve("forty.jsonl");

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode read(RunOutcome outcome, String file) throws IOException {
        assertTrue(outcome.isCompleted(), outcome.message());
        return json.readTree(outcome.folder().resolve(file).toFile());
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.elements().forEachRemaining(list::add);
        return list;
    }

    @Test
    void roundRobinAssignsTheCatalogInRequestIdOrder() throws IOException {
        writeConfig(Map.of("random_adapter_assignment", "true", "adapter_distribution", "{type: round_robin}", "num_requests", "7"));

        RunOutcome outcome = bench(FORTY);

        List<String> adapters = readCsv(outcome.folder().resolve("results.csv")).stream()
                .filter(r -> !r.get("request_id").isEmpty()).map(r -> r.get("adapter_name")).toList();
        assertEquals(List.of("alpha", "beta", "gamma", "alpha", "beta", "gamma", "alpha"), adapters);
        JsonNode distribution = read(outcome, "results.json").get("adapter_distribution");
        assertEquals("round_robin", distribution.get("type").asText());
        assertTrue(distribution.get("alpha") == null, "round robin has no alpha");
        assertEquals(json.readTree("{\"alpha\": 3, \"beta\": 2, \"gamma\": 2}"), distribution.get("realized"));
    }

    @Test
    void zipfRecordsItsAlphaAndARealizedCountForEveryAdapter() throws IOException {
        writeConfig(Map.of("random_adapter_assignment", "true", "adapter_distribution", "{type: zipf, alpha: 1.2}"));

        JsonNode distribution = read(bench(FORTY), "results.json").get("adapter_distribution");

        assertEquals("zipf", distribution.get("type").asText());
        assertEquals(1.2, distribution.get("alpha").asDouble());
        List<String> names = new ArrayList<>();
        distribution.get("realized").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("alpha", "beta", "gamma"), names);
        int total = 0;
        for (String name : names) {
            total += distribution.get("realized").get(name).asInt();
        }
        assertEquals(40, total);
    }

    @Test
    void aPoissonRunKeepsToItsScheduleAndReportsHowWell() throws IOException {
        writeConfig(Map.of("request_rate", "200", "seed", "3"));

        RunOutcome outcome = bench(FORTY);

        List<JsonNode> schedule = elements(read(outcome, "manifest.json").get("schedule"));
        assertEquals(40, schedule.size());
        assertEquals(0.2, schedule.get(39).get("scheduled_offset").asDouble(), 0.0, "the last request is due at 40 / 200 s");
        for (int i = 1; i < schedule.size(); i++) {
            assertEquals(i + 1, schedule.get(i).get("request_id").asInt());
            assertTrue(schedule.get(i).get("scheduled_offset").asDouble() >= schedule.get(i - 1).get("scheduled_offset").asDouble());
        }
        JsonNode results = read(outcome, "results.json");
        assertEquals(200.0, results.get("request_rate").asDouble());
        assertEquals(1.0, results.get("burstiness").asDouble());
        assertTrue(results.get("achieved_request_rate").asDouble() > 0);
        for (String key : List.of("scheduler_slip_ms", "slot_wait_ms")) {
            assertTrue(results.get(key).get("p50").isNumber(), key);
            assertTrue(results.get(key).get("p99").asDouble() >= results.get(key).get("p50").asDouble(), key);
        }
        List<CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv"));
        assertEquals(40, rows.size());
        for (CSVRecord row : rows) {
            double scheduled = Double.parseDouble(row.get("scheduled_offset"));
            assertEquals(schedule.get(Integer.parseInt(row.get("request_id")) - 1).get("scheduled_offset").asDouble(), scheduled);
            assertTrue(Double.parseDouble(row.get("start_offset")) >= scheduled, "request " + row.get("request_id") + " left early");
        }
    }

    @Test
    void aClosedLoopHasEveryRequestDueAtOnce() throws IOException {
        RunOutcome outcome = bench(FORTY);

        JsonNode results = read(outcome, "results.json");
        assertTrue(results.get("request_rate").isNull());
        assertTrue(results.get("adapter_distribution").isNull(), "the dataset names the adapters");
        assertTrue(elements(read(outcome, "manifest.json").get("schedule")).stream()
                .allMatch(entry -> entry.get("scheduled_offset").asDouble() == 0.0));
    }

    @Test
    void theSameSeedGivesTheSameScheduleInTheManifest() throws IOException {
        writeConfig(Map.of("shuffle_data", "true", "random_adapter_assignment", "true", "seed", "11",
                "adapter_distribution", "{type: geometric, alpha: 1.5}", "request_rate", "400", "burstiness", "0.5"));

        JsonNode first = read(bench(FORTY), "manifest.json");
        JsonNode second = read(bench(FORTY), "manifest.json");

        assertEquals(first.get("schedule"), second.get("schedule"));
        assertEquals(11, first.get("seed").asLong());
        assertEquals(FORTY.toString(), first.get("dataset").asText());
        assertTrue(first.get("tool_version").isTextual());
        assertEquals(400.0, first.get("config").get("benchmark").get("request_rate").asDouble());
        assertEquals("geometric", first.get("config").get("benchmark").get("adapter_distribution").get("type").asText());
        JsonNode entry = first.get("schedule").get(0);
        assertEquals(List.of("request_id", "line", "adapter", "scheduled_offset"), fieldNames(entry));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
