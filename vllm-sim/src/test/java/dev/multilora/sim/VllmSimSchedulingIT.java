package dev.multilora.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving model's rules, checked on the ground truth the stand-in reports on its own clock
 * (never on wall-clock thresholds).
 */
class VllmSimSchedulingIT {

    private static final Pattern LORA_INFO = Pattern.compile(
            "vllm:lora_requests_info\\{max_lora=\"1\",running_lora_adapters=\"([^\"]*)\","
                    + "waiting_lora_adapters=\"([^\"]*)\"} ([0-9.]+)");

    @TempDir
    Path adapters;

    @Test
    void adapterLoadsComeFromCpuOrDiskInLruOrderAndResidentAdaptersAreFree() throws Exception {
        List<String> args = new ArrayList<>(List.of("--enable-lora", "--max-loras", "1", "--max-cpu-loras", "2",
                "--sim-decode-ms", "0", "--sim-lora-load-ms", "50", "--sim-lora-cpu-load-ms", "5", "--lora-modules"));
        args.addAll(List.of(AdapterDirs.modules(adapters, "a", "b", "c")));
        try (SimProcess sim = SimProcess.start(args.toArray(String[]::new))) {
            SimClient client = new SimClient(sim);
            // start-up filled the CPU cache in order, so it holds b and c
            assertLoad(client, "b", "cpu", 5);
            assertLoad(client, "b", "resident", 0);
            assertLoad(client, "c", "cpu", 5);
            assertLoad(client, "a", "disk", 50);
            assertLoad(client, "b", "disk", 50);
            assertLoad(client, "a", "cpu", 5);
        }
    }

    @Test
    void schedulerRules() throws Exception {
        List<String> args = new ArrayList<>(List.of("--enable-lora", "--max-loras", "1", "--max-cpu-loras", "2",
                "--sim-decode-ms", "4", "--sim-decode-ms-per-seq", "1", "--sim-lora-load-ms", "0",
                "--sim-lora-cpu-load-ms", "0", "--lora-modules"));
        args.addAll(List.of(AdapterDirs.modules(adapters, "a", "b")));
        try (SimProcess sim = SimProcess.start(args.toArray(String[]::new))) {
            SimClient client = new SimClient(sim);
            secondAdapterQueuesBehindTheFirstUnderMaxLorasOne(sim, client);
            timePerOutputTokenGrowsWithTheBatch(client);
            outputsAreSeededPerRequestEvenUnderConcurrency(client);
        }
    }

    private void secondAdapterQueuesBehindTheFirstUnderMaxLorasOne(SimProcess sim, SimClient client)
            throws Exception {
        HttpResponse<Stream<String>> streamA = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString(SimClient.body("a", "long running", 200, true)))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = streamA.body().iterator();
        assertTrue(lines.next().startsWith("data: "), "a has its first token, so it is running");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> b = pool.submit(() -> client.post("/v1/completions",
                    SimClient.body("b", "short", 5, false)));
            Future<HttpResponse<String>> base = pool.submit(() -> client.post("/v1/completions",
                    SimClient.body("test-model", "short", 5, false)));

            awaitLoraInfo(client, "a", "b");
            StringBuilder rest = new StringBuilder();
            lines.forEachRemaining(line -> rest.append(line).append('\n'));
            List<JsonNode> events = SimClient.events(rest.toString().replaceFirst("^\n", ""));
            JsonNode timingA = events.get(events.size() - 1).path("usage").path("sim_timing");

            HttpResponse<String> responseB = b.get(30, TimeUnit.SECONDS);
            assertTrue(header(responseB, "x-sim-queue-ms") > 0);
            assertTrue(header(responseB, "x-sim-scheduled-at-ms") >= timingA.path("finished_at_ms").asDouble(),
                    "b may only run once a has left the batch");
            HttpResponse<String> responseBase = base.get(30, TimeUnit.SECONDS);
            assertTrue(header(responseBase, "x-sim-scheduled-at-ms") < timingA.path("finished_at_ms").asDouble(),
                    "base-model requests are not limited by --max-loras");
        } finally {
            pool.shutdownNow();
        }
    }

    private void timePerOutputTokenGrowsWithTheBatch(SimClient client) throws Exception {
        double alone = timePerOutputToken(client.post("/v1/completions",
                SimClient.body("test-model", "alone", 20, false)));
        List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String body = SimClient.body("test-model", "batched " + i, 20, false);
            batch.add(CompletableFuture.supplyAsync(() -> post(client, body)));
        }
        double slowest = 0;
        for (CompletableFuture<HttpResponse<String>> response : batch) {
            slowest = Math.max(slowest, timePerOutputToken(response.get(30, TimeUnit.SECONDS)));
        }
        assertEquals(5, alone, 1e-6, "decode 4 ms + 1 ms for the one sequence");
        assertTrue(slowest >= 6, "with others in the batch each step costs more: " + slowest);
    }

    private void outputsAreSeededPerRequestEvenUnderConcurrency(SimClient client) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String model = i % 3 == 0 ? "test-model" : i % 3 == 1 ? "a" : "b";
            bodies.add("{\"model\":\"" + model + "\",\"prompt\":\"prompt " + i + "\",\"max_tokens\":8}");
        }
        List<String> sequential = new ArrayList<>();
        for (String body : bodies) {
            sequential.add(text(post(client, body)));
        }
        List<CompletableFuture<HttpResponse<String>>> concurrent = new ArrayList<>();
        for (int i = bodies.size() - 1; i >= 0; i--) {
            String body = bodies.get(i);
            concurrent.add(0, CompletableFuture.supplyAsync(() -> post(client, body)));
        }
        List<String> texts = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> response : concurrent) {
            texts.add(text(response.get(30, TimeUnit.SECONDS)));
        }
        assertEquals(sequential, texts);
    }

    private static void awaitLoraInfo(SimClient client, String running, String waiting) throws Exception {
        String latest = "";
        for (int attempt = 0; attempt < 100; attempt++) {
            Matcher series = LORA_INFO.matcher(client.get("/metrics").body());
            double newest = -1;
            while (series.find()) {
                if (Double.parseDouble(series.group(3)) > newest) {
                    newest = Double.parseDouble(series.group(3));
                    latest = series.group(1) + "|" + series.group(2);
                }
            }
            if (latest.equals(running + "|" + waiting)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("lora_requests_info never showed running=" + running + " waiting=" + waiting
                + "; latest " + latest);
    }

    private static void assertLoad(SimClient client, String adapter, String source, double loadMs) throws Exception {
        HttpResponse<String> response = client.post("/v1/completions", SimClient.body(adapter, "hi", 1, false));
        assertEquals(source, response.headers().firstValue("x-sim-lora-source").orElseThrow(), adapter);
        assertEquals(loadMs, header(response, "x-sim-lora-load-ms"), 1e-6, adapter);
    }

    private static double timePerOutputToken(HttpResponse<String> response) throws Exception {
        int tokens = SimClient.JSON.readTree(response.body()).path("usage").path("completion_tokens").asInt();
        return header(response, "x-sim-decode-ms") / (tokens - 1);
    }

    private static double header(HttpResponse<String> response, String name) {
        return Double.parseDouble(response.headers().firstValue(name).orElseThrow(() -> new AssertionError(
                name + " missing: " + response.statusCode() + " " + response.body())));
    }

    private static String text(HttpResponse<String> response) {
        try {
            return SimClient.JSON.readTree(response.body()).path("choices").get(0).path("text").asText();
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private static HttpResponse<String> post(SimClient client, String body) {
        try {
            return client.post("/v1/completions", body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
