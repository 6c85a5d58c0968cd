package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.run.RunOutcome;
import dev.multilora.testing.FakeVllm;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** server.urls: one run's requests shared by two servers, each record saying which one served it. */
class FleetRouteTest extends PipelineTestSupport {
    private static final Path FORTY = DATASETS.resolve("forty.jsonl");

    private final ObjectMapper json = new ObjectMapper();
    private FakeVllm second;

    @AfterEach
    void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void roundRobinSharesTheRequestsAndEachServerHasItsFigures() throws IOException {
        second = new FakeVllm(BASE_MODEL, Set.of("alpha", "beta", "gamma"), 20);

        RunOutcome outcome = bench(FORTY, fleet("round_robin"));

        assertEquals(20, server().received().size(), "half of the forty");
        assertEquals(20, second.received().size());
        List<CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv"));
        assertEquals(Map.of(url(server()), 20L, url(second), 20L),
                rows.stream().collect(Collectors.groupingBy(row -> row.get("endpoint"), Collectors.counting())));
        JsonNode endpoints = results(outcome).get("server").get("endpoints");
        List<String> urls = new java.util.ArrayList<>();
        endpoints.fieldNames().forEachRemaining(urls::add);
        assertEquals(List.of(url(server()), url(second)), urls);
        assertEquals(20, endpoints.get(url(second)).get("successful").asInt());
        JsonNode serverMetrics = results(outcome).get("server_metrics");
        assertEquals(serverMetrics.get("client_output_tokens").asDouble(), serverMetrics.get("generation_tokens_delta").asDouble(),
                "both servers' /metrics are counted: " + serverMetrics);
    }

    @Test
    void adapterAffinityKeepsEachAdapterOnOneServer() throws IOException {
        second = new FakeVllm(BASE_MODEL, Set.of("alpha", "beta", "gamma"), 20);

        // the test config's host and port name server(): the fleet lists the other one first
        RunOutcome outcome = bench(FORTY, Map.of("server.urls", "[" + url(second) + ", " + url(server()) + "]",
                "server.balance", "adapter_affinity"));

        Map<String, Set<String>> serversOfAdapter = readCsv(outcome.folder().resolve("results.csv")).stream()
                .collect(Collectors.groupingBy(row -> row.get("adapter_name"), Collectors.mapping(row -> row.get("endpoint"), Collectors.toSet())));
        assertEquals(4, serversOfAdapter.size(), serversOfAdapter.toString());
        serversOfAdapter.forEach((adapter, servers) -> assertEquals(1, servers.size(), adapter + " stayed on one server: " + servers));
        assertEquals(2, serversOfAdapter.values().stream().flatMap(Set::stream).distinct().count(), "both servers got adapters");
        assertEquals(url(second), results(outcome).get("server").get("url").asText(), "the fleet's first server, not host and port");
    }

    @Test
    void aServerThatDiesFailsItsOwnRequestsOnly() throws Exception {
        second = new FakeVllm(BASE_MODEL, Set.of("alpha", "beta", "gamma"), 100);
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        try {
            killer.schedule(() -> second.close(), 1_500, TimeUnit.MILLISECONDS);

            RunOutcome outcome = bench(FORTY, Map.of("server.urls", "[" + url(server()) + ", " + url(second) + "]",
                    "benchmark.client_warmup_requests", "0", "benchmark.num_requests", "200"));

            List<CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv"));
            assertEquals(200, rows.size(), "every request has its row");
            List<CSVRecord> failed = rows.stream().filter(row -> !row.get("error").isEmpty()).toList();
            assertTrue(!failed.isEmpty(), "the dead server's requests failed");
            assertTrue(failed.stream().allMatch(row -> row.get("endpoint").equals(url(second))), "only the dead server's");
            assertTrue(failed.stream().allMatch(row -> row.get("error").contains("connection refused by " + url(second))
                    || row.get("error").contains("Exception")), failed.get(0).get("error"));
            assertEquals("completed", results(outcome).get("status").asText(), "the other server carried the run");
        } finally {
            killer.shutdownNow();
        }
    }

    private Map<String, String> fleet(String balance) {
        return Map.of("server.urls", "[" + url(server()) + ", " + url(second) + "]", "server.balance", balance);
    }

    private static String url(FakeVllm server) {
        return "http://127.0.0.1:" + server.port();
    }

    private JsonNode results(RunOutcome outcome) throws IOException {
        return json.readTree(outcome.folder().resolve("results.json").toFile());
    }
}
