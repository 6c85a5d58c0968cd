package dev.multilora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.run.RunOutcome;
import dev.multilora.run.RunRequest;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Managed mode against the bundled stand-in as a real child process, launched through the server
 * route's camel-exec step. Runs after packaging (failsafe), since bin/vllm-sim needs the jar.
 */
class ManagedServerIT extends PipelineTestSupport {
    private static final Path VLLM_SIM = Path.of("bin/vllm-sim").toAbsolutePath();
    private static final Path FORTY = DATASETS.resolve("forty.jsonl");

    private final int port = freePort();

    @Test
    void benchStartsTheServerWaitsUntilReadyAndStopsIt() throws IOException {
        writeManagedConfig(List.of(), Map.of());

        RunOutcome outcome = bench(FORTY);

        assertTrue(outcome.isCompleted(), outcome.message());
        assertEquals(40L, outcome.results().counts().successful());
        JsonNode results = results(outcome);
        assertEquals("managed", results.get("server").get("mode").asText());
        assertTrue(results.get("server").get("fresh").asBoolean());
        assertTrue(results.get("environment").get("server_version").asText().contains("sim"));
        assertTrue(results.get("environment").get("gpus").asText().startsWith("absent"));
        assertTrue(Files.readString(outcome.folder().resolve("server.log")).contains("Starting vLLM API server"));
        assertTrue(simProcesses().isEmpty(), "bench stops the server it started: " + simProcesses());
    }

    @Test
    void aServerThatExitsDuringStartUpFailsTheRunWithItsLogTail() throws IOException {
        writeManagedConfig(List.of("--max-lora-rank", "8"), Map.of());

        RunOutcome outcome = bench(FORTY);

        assertFalse(outcome.isCompleted());
        String report = Files.readString(outcome.folder().resolve("error.txt"));
        assertTrue(report.contains("the server exited with code"), report);
        assertTrue(report.contains("last lines of its log"), report);
        assertTrue(report.toLowerCase().contains("rank"), report);
        assertTrue(simProcesses().isEmpty());
    }

    @Test
    void aServerThatNeverBecomesReadyIsStoppedAtTheTimeout() throws IOException {
        writeManagedConfig(List.of("--sim-load-delay-s", "60"), Map.of("startup_timeout_s", "3"));

        RunOutcome outcome = bench(FORTY);

        assertFalse(outcome.isCompleted());
        assertTrue(outcome.message().contains("was not ready within 3 s"), outcome.message());
        assertTrue(simProcesses().isEmpty(), "the server that never became ready is stopped");
    }

    @Test
    void aPortThatIsAlreadyTakenIsRefused() throws IOException {
        try (ServerSocket taken = new ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            writeManagedConfig(List.of(), Map.of());

            RunOutcome outcome = bench(FORTY);

            assertFalse(outcome.isCompleted());
            assertTrue(outcome.message().startsWith("port " + port + " on 127.0.0.1 is already in use"), outcome.message());
        }
    }

    @Test
    void aServerKilledMidRunFailsTheRestFastAndKeepsEveryRow() throws Exception {
        writeManagedConfig(List.of("--sim-decode-ms", "50"), Map.of("max_tokens", "200"));
        CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> bench(FORTY));
        ProcessHandle sim = awaitSimProcess();
        new ServerProbe().awaitHealthy("http://127.0.0.1:" + port, dev.multilora.engine.ServingEngines.named("vllm"), java.time.Duration.ofSeconds(60), java.util.Optional::empty, java.util.Optional::empty);
        Thread.sleep(1500);
        sim.destroyForcibly();

        RunOutcome outcome = run.get(60, TimeUnit.SECONDS);

        assertFalse(outcome.isCompleted());
        assertEquals("server exited with code 137", outcome.message());
        List<CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv"));
        assertEquals(40, rows.size());
        assertTrue(rows.stream().anyMatch(r -> r.get("error").equals("server exited with code 137")));
        JsonNode results = results(outcome);
        assertEquals("failed", results.get("status").asText());
        assertEquals("server exited with code 137", results.get("failure_reason").asText());
    }

    @Test
    void underWatchTheDatasetAfterACrashGetsAFreshServer() throws Exception {
        writeManagedConfig(List.of("--sim-decode-ms", "50"), Map.of("max_tokens", "200"));
        CompletableFuture<RunOutcome> crashed = CompletableFuture.supplyAsync(this::watchRun);
        ProcessHandle sim = awaitSimProcess();
        new ServerProbe().awaitHealthy("http://127.0.0.1:" + port, dev.multilora.engine.ServingEngines.named("vllm"), java.time.Duration.ofSeconds(60), java.util.Optional::empty, java.util.Optional::empty);
        sim.destroyForcibly();
        assertFalse(crashed.get(60, TimeUnit.SECONDS).isCompleted());

        RunOutcome next = template.requestBody("direct:benchmark", new RunRequest(FORTY, configFile(),
                Map.of("generation.max_tokens", "4"), RunRequest.WATCH, outbox()), RunOutcome.class);

        assertTrue(next.isCompleted(), next.message());
        assertTrue(results(next).get("server").get("fresh").asBoolean(), "same server settings, but the dead server is not reused");
        assertEquals(40, results(next).get("successful_requests").asInt());
        context.getRegistry().lookupByNameAndType("serverSupervisor", ServerSupervisor.class).stop();
    }

    @Test
    void watchReusesTheServerUntilItsSettingsChange() throws Exception {
        writeManagedConfig(List.of(), Map.of());
        RunOutcome first = watchRun();
        long firstPid = awaitSimProcess().pid();
        RunOutcome second = watchRun();
        writeManagedConfig(List.of("--max-num-seqs", "32"), Map.of());
        RunOutcome third = watchRun();

        assertTrue(results(first).get("server").get("fresh").asBoolean());
        assertFalse(results(second).get("server").get("fresh").asBoolean());
        assertTrue(results(third).get("server").get("fresh").asBoolean());
        assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false), "the old server was stopped");
        context.getRegistry().lookupByNameAndType("serverSupervisor", ServerSupervisor.class).stop();
        assertTrue(simProcesses().isEmpty());
    }

    @Test
    void theApiKeyReachesTheServerThroughItsEnvironmentAndIsNeverWrittenOut() throws IOException {
        String key = "sk-test-" + port;
        writeManagedConfig(List.of(), Map.of("api_key", key));

        RunOutcome outcome = bench(FORTY);

        assertEquals(40L, outcome.results().counts().successful(), outcome.message());
        for (String file : List.of("results.json", "results.csv", "server.log")) {
            assertFalse(Files.readString(outcome.folder().resolve(file)).contains(key), file + " holds the key");
        }
        assertEquals("<redacted>", results(outcome).get("config").get("server").get("api_key").asText());
    }

    @Test
    void coldRequestsAreTheOnesTheServerSaysPaidALoad() throws IOException {
        writeManagedConfig(List.of("--sim-lora-load-ms", "200"), Map.of());

        RunOutcome outcome = bench(FORTY);

        List<CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv"));
        for (String adapter : List.of("alpha", "beta", "gamma")) {
            List<CSVRecord> ofAdapter = rows.stream().filter(r -> r.get("adapter_name").equals(adapter)).toList();
            assertTrue(ofAdapter.stream().anyMatch(r -> r.get("adapter_cold").equals("true")), adapter + " is loaded at least once");
            assertTrue(ofAdapter.stream().allMatch(r -> r.get("adapter_cold").equals(String.valueOf(Double.parseDouble(r.get("adapter_load_ms")) > 0))),
                    adapter + ": cold exactly where the stand-in reports a load");
        }
        assertTrue(rows.stream().filter(r -> r.get("adapter_name").equals(BASE_MODEL)).allMatch(r -> r.get("adapter_cold").isEmpty()));
        assertTrue(results(outcome).get("adapter_cold_basis").asText().startsWith("the server's report"));
        JsonNode alpha = results(outcome).get("adapter_cold_starts").get("alpha");
        assertEquals(200.0, alpha.get("server_load_ms").asDouble(), 1e-9);
        assertTrue(alpha.get("cold_ttft_ms").asDouble() >= 200.0,
                "a 200 ms adapter load shows in the cold request's TTFT (warm requests may wait behind other adapters' loads too): " + alpha);
    }

    @Test
    void aWarmupTouchesEveryAdapterAndIsNotMeasured() throws IOException {
        writeManagedConfig(List.of(), Map.of());

        RunOutcome outcome = bench(FORTY, Map.of("benchmark.warmup_requests", "2"));

        JsonNode results = results(outcome);
        assertEquals(40, results.get("total_requests").asInt());
        JsonNode warmup = results.get("warmup");
        assertEquals(8, warmup.get("total_requests").asInt(), "2 each for alpha, beta, gamma and the base model");
        assertEquals(List.of("alpha", BASE_MODEL, "beta", "gamma"), names(warmup.get("adapter_stats")));
        assertTrue(results.get("adapter_cold_basis").asText().startsWith("the server's report"),
                "a warmup hides which request met a cold adapter, unless the server says");
        assertTrue(readCsv(outcome.folder().resolve("results.csv")).stream().filter(r -> !r.get("adapter_name").equals(BASE_MODEL))
                .allMatch(r -> r.get("adapter_cold").equals(String.valueOf(Double.parseDouble(r.get("adapter_load_ms")) > 0))));
    }

    private RunOutcome watchRun() {
        return template.requestBody("direct:benchmark",
                new RunRequest(FORTY, configFile(), Map.of(), RunRequest.WATCH, outbox()), RunOutcome.class);
    }

    private void writeManagedConfig(List<String> extraArgs, Map<String, String> overrides) throws IOException {
        List<String> all = new java.util.ArrayList<>(extraArgs);
        if (!extraArgs.contains("--sim-decode-ms")) {
            all.addAll(List.of("--sim-decode-ms", "2"));
        }
        if (!extraArgs.contains("--sim-lora-load-ms")) {
            all.addAll(List.of("--sim-lora-load-ms", "5"));
        }
        String args = all.stream().map(a -> "\"" + a + "\"").collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        String serverKeys = overrides.containsKey("api_key") ? "  api_key: " + overrides.get("api_key") + "\n" : "";
        String yaml = """
                model:
                  name: %s
                server:
                  mode: managed
                  command: [%s, serve]
                  extra_args: %s
                  host: 127.0.0.1
                  port: %d
                  startup_timeout_s: %s
                %slora:
                  adapters_dir: %s
                  max_loras: 2
                  max_lora_rank: 16
                benchmark:
                  concurrency: 8
                generation:
                  max_tokens: %s
                paths:
                  outbox: outbox
                """.formatted(BASE_MODEL, VLLM_SIM, args, port, overrides.getOrDefault("startup_timeout_s", "60"),
                serverKeys, FIXTURE_ADAPTERS, overrides.getOrDefault("max_tokens", "8"));
        Files.writeString(configFile(), yaml);
    }

    private List<ProcessHandle> simProcesses() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("dev.multilora.sim") && c.contains("--port " + port)).orElse(false))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    private ProcessHandle awaitSimProcess() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            List<ProcessHandle> found = simProcesses();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no stand-in process on port " + port);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode results(RunOutcome outcome) throws IOException {
        return new ObjectMapper().readTree(outcome.folder().resolve("results.json").toFile());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
