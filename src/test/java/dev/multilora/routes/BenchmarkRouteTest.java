package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.client.CompletionCall;
import dev.multilora.observe.CurrentRun;
import dev.multilora.run.RunLock;
import dev.multilora.run.RunOutcome;
import dev.multilora.testing.FakeVllm;
import dev.multilora.testing.PipelineTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class BenchmarkRouteTest extends PipelineTestSupport {
    private static final Path MIXED = DATASETS.resolve("mixed.jsonl");
    private static final List<String> API_COLUMNS =
            List.of("request_id", "prompt", "adapter_name", "latency", "num_tokens", "generated_text", "error", "timestamp");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyNonBlankLineEndsAsExactlyOneRow() throws IOException {
        RunOutcome outcome = bench(MIXED);

        assertTrue(outcome.isCompleted(), outcome.message());
        List<CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv"));
        assertEquals(API_COLUMNS, rows.get(0).getParser().getHeaderNames().subList(0, 8));
        Map<Integer, CSVRecord> byLine = rows.stream().collect(Collectors.toMap(r -> Integer.parseInt(r.get("line")), r -> r));
        assertEquals(Set.of(1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18), byLine.keySet());

        assertTrue(byLine.get(6).get("error").startsWith("not valid JSON"));
        assertTrue(byLine.get(7).get("error").contains("expected a JSON object, found an array"));
        assertEquals("missing \"prompt\"", byLine.get(8).get("error"));
        assertEquals("\"prompt\" is empty", byLine.get(9).get("error"));
        assertEquals("\"prompt\" must be a string, found a number", byLine.get(10).get("error"));
        assertTrue(byLine.get(11).get("error").startsWith("missing \"adapter_name\""));
        for (int invalid : List.of(6, 7, 8, 9, 10, 11)) {
            assertEquals("", byLine.get(invalid).get("request_id"), "invalid line " + invalid + " is not a measured request");
        }
        assertEquals("unknown adapter 'nope' (available: alpha, beta, gamma)", byLine.get(5).get("error"));
        assertEquals("unknown adapter 'too_big' (available: alpha, beta, gamma)", byLine.get(16).get("error"));
        assertEquals("HTTP 400: flat error for gamma", byLine.get(12).get("error"));
        assertEquals("HTTP 401: Unauthorized", byLine.get(13).get("error"));
        assertEquals("HTTP 502: <html>bad gateway</html>", byLine.get(14).get("error"));
        assertEquals("401", byLine.get(13).get("http_status"));

        CSVRecord unicode = byLine.get(15);
        assertEquals("日本語のプロンプト, with comma\nand newline 🎉 and \"quotes\"", unicode.get("prompt"));
        assertEquals(FakeVllm.streamedText(unicode.get("prompt"), 5), unicode.get("generated_text"));
        assertEquals("", unicode.get("error"));
        assertEquals(BASE_MODEL, byLine.get(4).get("adapter_name"));
        assertEquals("Sum 2, 3 and \"4\"", byLine.get(2).get("prompt"), "CRLF line ending is not part of the prompt");
        assertEquals("Explain LoRA rank in one sentence", byLine.get(1).get("prompt"), "BOM is not part of the prompt");
        for (CSVRecord failed : rows.stream().filter(r -> !r.get("error").isEmpty()).toList()) {
            assertEquals("", failed.get("latency"));
            assertEquals("", failed.get("num_tokens"));
        }
        assertTrue(byLine.get(1).get("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d"));
    }

    @Test
    void resultsJsonAgreesWithTheCsv() throws IOException {
        RunOutcome outcome = bench(MIXED);

        JsonNode results = json.readTree(outcome.folder().resolve("results.json").toFile());
        List<CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv"));
        List<String> apiKeys = new ArrayList<>();
        results.fieldNames().forEachRemaining(apiKeys::add);
        assertEquals(List.of("total_requests", "successful_requests", "failed_requests", "total_duration", "metrics",
                "adapter_stats", "config", "timestamp"), apiKeys.subList(0, 8));
        assertEquals(16, results.get("total_requests").asInt());
        assertEquals(5, results.get("successful_requests").asInt());
        assertEquals(11, results.get("failed_requests").asInt());
        assertEquals(6, results.get("invalid_lines").asInt());
        assertEquals("completed", results.get("status").asText());
        assertTrue(results.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"));

        List<Double> latencies = rows.stream().filter(r -> r.get("error").isEmpty()).map(r -> Double.parseDouble(r.get("latency"))).toList();
        double duration = results.get("total_duration").asDouble();
        int tokens = rows.stream().filter(r -> r.get("error").isEmpty()).mapToInt(r -> Integer.parseInt(r.get("num_tokens"))).sum();
        JsonNode metrics = results.get("metrics");
        assertClose(latencies.stream().mapToDouble(d -> d).average().orElseThrow(), metrics.get("mean_latency").asDouble());
        assertClose(numpyPercentile(latencies, 50), metrics.get("p50_latency").asDouble());
        assertClose(numpyPercentile(latencies, 95), metrics.get("p95_latency").asDouble());
        assertClose(numpyPercentile(latencies, 99), metrics.get("p99_latency").asDouble());
        assertClose(latencies.size() / duration, metrics.get("requests_per_sec").asDouble());
        assertClose(tokens / duration, metrics.get("tokens_per_sec").asDouble());

        JsonNode adapters = results.get("adapter_stats");
        assertEquals(List.of("alpha", BASE_MODEL, "beta", "gamma", "nope", "too_big"), fieldNames(adapters));
        JsonNode gamma = adapters.get("gamma");
        assertEquals(3, gamma.get("count").asInt());
        assertEquals(1, gamma.get("successful").asInt());
        assertEquals(2, gamma.get("failed").asInt());
        double gammaLatency = rows.stream().filter(r -> r.get("adapter_name").equals("gamma") && r.get("error").isEmpty())
                .mapToDouble(r -> Double.parseDouble(r.get("latency"))).findFirst().orElseThrow();
        assertClose(gammaLatency, gamma.get("avg_latency").asDouble());
        assertClose(gammaLatency, gamma.get("p95_latency").asDouble());
        assertTrue(adapters.get("nope").get("avg_latency").isNull());
        assertEquals(List.of("alpha", "beta", "gamma"),
                iterable(results.get("adapters").elements()).stream().map(e -> e.get("name").asText()).toList(),
                "an external server's adapters come from its /v1/models");
        assertEquals("/adapters/alpha", results.get("adapters").get(0).get("path").asText());
        assertEquals("external", results.get("server").get("mode").asText());
        assertEquals("0.0.0-fake", results.get("environment").get("server_version").asText());
        assertEquals("dataset", results.get("adapter_assignment").get("mode").asText());
        assertEquals(4, results.get("config").get("benchmark").get("concurrency").asInt());
    }

    @Test
    void requestBodiesAreWhatVllmAccepts() throws IOException {
        RunOutcome outcome = bench(MIXED);

        List<FakeVllm.Received> received = server().received();
        assertEquals(8, received.size(), "unknown adapters and invalid lines are never sent");
        Map<String, String> idByPrompt = readCsv(outcome.folder().resolve("results.csv")).stream()
                .filter(r -> !r.get("request_id").isEmpty())
                .collect(Collectors.toMap(r -> r.get("prompt"), r -> r.get("request_id")));
        for (FakeVllm.Received request : received) {
            assertEquals(List.of("model", "prompt", "max_tokens", "temperature", "top_p", "top_k", "stream", "stream_options"),
                    fieldNames(request.body()));
            assertTrue(request.body().get("stream_options").get("include_usage").asBoolean());
            assertEquals(5, request.body().get("max_tokens").asInt());
            assertEquals(-1, request.body().get("top_k").asInt());
            assertEquals(idByPrompt.get(request.body().get("prompt").asText()), request.requestIdHeader());
        }
        assertEquals(Set.of("alpha", "beta", "gamma", BASE_MODEL),
                received.stream().map(r -> r.body().get("model").asText()).collect(Collectors.toSet()));
    }

    @Test
    void streamedResponsesAreTimedPerEventAsVllmTimesThem() throws IOException {
        RunOutcome outcome = bench(DATASETS.resolve("forty.jsonl"), Map.of("generation.max_tokens", "6"));

        JsonNode results = json.readTree(outcome.folder().resolve("results.json").toFile());
        assertTrue(results.get("stream").asBoolean());
        List<CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv"));
        List<Double> ttfts = new ArrayList<>();
        for (CSVRecord row : rows) {
            double ttft = Double.parseDouble(row.get("ttft"));
            double latency = Double.parseDouble(row.get("latency"));
            int tokens = Integer.parseInt(row.get("num_tokens"));
            assertTrue(ttft > 0 && ttft < latency, "the first event comes before the last: " + row);
            assertEquals(FakeVllm.completionTokens(row.get("prompt"), 6), tokens, "output tokens come from usage");
            assertClose((latency - ttft) / (tokens - 1), Double.parseDouble(row.get("tpot")));
            assertEquals(FakeVllm.streamedText(row.get("prompt"), 6), row.get("generated_text"));
            ttfts.add(ttft);
        }
        assertClose(1000 * ttfts.stream().mapToDouble(d -> d).average().orElseThrow(), results.get("mean_ttft_ms").asDouble());
        assertClose(1000 * numpyPercentile(ttfts, 99), results.get("p99_ttft_ms").asDouble());
        assertTrue(results.get("p50_itl_ms").asDouble() > 0);
        assertEquals(0, results.get("tokens_counted_requests").asInt());
        assertTrue(results.get("adapter_stats").get("alpha").get("p95_ttft_ms").asDouble() > 0);
        assertTrue(results.get("fairness").get("jain_index_mean_e2el").asDouble() <= 1.0);
    }

    @Test
    void withoutStreamingThereIsNoTimeToFirstToken() throws IOException {
        RunOutcome outcome = bench(DATASETS.resolve("forty.jsonl"), Map.of("generation.stream", "false"));

        assertTrue(server().received().stream().noneMatch(r -> r.body().has("stream")));
        JsonNode results = json.readTree(outcome.folder().resolve("results.json").toFile());
        assertTrue(results.get("mean_ttft_ms").isNull());
        assertTrue(results.get("mean_e2el_ms").asDouble() > 0);
        assertTrue(readCsv(outcome.folder().resolve("results.csv")).stream().allMatch(r -> r.get("ttft").isEmpty()));
    }

    @Test
    void hostileLinesEachEndAsOneFailedRowWhileTheOthersRun() throws IOException {
        Path dataset = work().resolve("hostile.jsonl");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes("{\"prompt\": \"before\", \"adapter_name\": \"alpha\"}\n".getBytes(StandardCharsets.UTF_8));
        content.writeBytes(new byte[] {'{', '"', 'p', 'r', 'o', 'm', 'p', 't', '"', ':', '"', 'c', 'a', 'f', (byte) 0xE9, '"', '}', '\n'});
        content.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2, (byte) 0x80, (byte) 0xC3, '\n'});
        content.writeBytes(("null\n'{\"prompt\": \"quoted\", \"adapter_name\": \"beta\"}'\n"
                + "{\"prompt\": \"after\", \"adapter_name\": \"beta\"}").getBytes(StandardCharsets.UTF_8));
        Files.write(dataset, content.toByteArray());

        RunOutcome outcome = bench(dataset);

        assertTrue(outcome.isCompleted(), outcome.message());
        Map<Integer, CSVRecord> byLine = readCsv(outcome.folder().resolve("results.csv")).stream()
                .collect(Collectors.toMap(r -> Integer.parseInt(r.get("line")), r -> r));
        assertEquals(Set.of(1, 2, 3, 4, 5, 6), byLine.keySet());
        assertEquals("not valid UTF-8 (byte 15 of the line)", byLine.get(2).get("error"));
        assertEquals("not valid UTF-8 (byte 1 of the line)", byLine.get(3).get("error"));
        assertEquals("expected a JSON object, found null", byLine.get(4).get("error"));
        assertTrue(byLine.get(5).get("error").startsWith("not valid JSON"), byLine.get(5).get("error"));
        assertEquals(List.of("after", "before"), server().received().stream().map(r -> r.body().get("prompt").asText()).sorted().toList());
        assertEquals("", byLine.get(1).get("error"));
        assertEquals("", byLine.get(6).get("error"));
    }

    @Test
    void fixedOutputLengthsAreSentAsVllmsExtraParameters() throws IOException {
        Path dataset = work().resolve("lengths.jsonl");
        Files.writeString(dataset, "{\"prompt\": \"one two three\", \"adapter_name\": \"alpha\", \"max_tokens\": 3}\n"
                + "{\"prompt\": \"four\", \"adapter_name\": \"beta\"}\n{\"prompt\": \"x\", \"adapter_name\": \"beta\", \"max_tokens\": 0}\n");

        RunOutcome outcome = bench(dataset, Map.of("generation.ignore_eos", "true", "generation.min_tokens", "2"));

        List<FakeVllm.Received> received = server().received();
        assertEquals(2, received.size());
        JsonNode first = received.stream().filter(r -> r.body().get("prompt").asText().equals("one two three")).findFirst().orElseThrow().body();
        JsonNode second = received.stream().filter(r -> r.body().get("prompt").asText().equals("four")).findFirst().orElseThrow().body();
        assertEquals(3, first.get("max_tokens").asInt(), "the line's own max_tokens");
        assertEquals(5, second.get("max_tokens").asInt(), "generation.max_tokens");
        assertTrue(first.get("ignore_eos").asBoolean());
        assertEquals(2, first.get("min_tokens").asInt());
        assertEquals("\"max_tokens\" must be a whole number >= 1, found 0", readCsv(outcome.folder().resolve("results.csv")).stream()
                .filter(r -> r.get("line").equals("3")).findFirst().orElseThrow().get("error"));
    }

    @Test
    void aRunStopsSendingOnceTooManyRequestsFail() throws IOException {
        Path failing = work().resolve("failing.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            lines.append("{\"prompt\": \"").append(FakeVllm.UNAUTHORIZED).append(' ').append(i).append("\", \"adapter_name\": \"alpha\"}\n");
        }
        Files.writeString(failing, lines);

        RunOutcome outcome = bench(failing, Map.of("benchmark.max_error_rate", "0.5", "benchmark.concurrency", "1"));

        JsonNode results = json.readTree(outcome.folder().resolve("results.json").toFile());
        assertEquals("stopped", results.get("status").asText());
        assertEquals("benchmark.max_error_rate 0.5 exceeded (10 of 10 finished requests failed)", results.get("stop_reason").asText());
        List<CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv"));
        assertEquals(40, rows.size(), "requests not sent still have their rows");
        assertEquals(10, server().received().size());
        assertEquals(30, results.get("not_sent_requests").asInt());
        assertTrue(rows.stream().skip(10).allMatch(r -> r.get("error").startsWith("not sent: the run stopped early: benchmark.max_error_rate")));
    }

    @Test
    void aRunStopsSendingAtItsMaximumDuration() throws IOException {
        RunOutcome outcome = bench(DATASETS.resolve("forty.jsonl"),
                Map.of("benchmark.max_duration_s", "0.05", "benchmark.concurrency", "1"));

        JsonNode results = json.readTree(outcome.folder().resolve("results.json").toFile());
        assertEquals("stopped", results.get("status").asText());
        assertEquals("benchmark.max_duration_s 0.05 reached", results.get("stop_reason").asText());
        int sent = server().received().size();
        assertTrue(sent < 40, "40 requests held 20 ms each by the server take longer than 50 ms one at a time");
        assertEquals(40 - sent, results.get("not_sent_requests").asInt());
        assertEquals(sent, results.get("total_requests").asInt() - results.get("not_sent_requests").asInt());
    }

    @Test
    void aRequestThatOutlastsTheTimeoutBecomesAFailedRow() throws IOException {
        Path dataset = work().resolve("slow.jsonl");
        Files.writeString(dataset, "{\"prompt\": \"" + FakeVllm.SLOW + "\", \"adapter_name\": \"alpha\"}\n"
                + "{\"prompt\": \"quick one\", \"adapter_name\": \"beta\"}\n");

        RunOutcome outcome = bench(dataset, Map.of("benchmark.request_timeout_s", "0.5"));

        List<CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv"));
        assertEquals("timed out: no response within benchmark.request_timeout_s (0.5 s)", rows.get(0).get("error"));
        assertEquals("", rows.get(0).get("latency"));
        assertEquals("", rows.get(1).get("error"), "a timeout fails only its own request");
    }

    @Test
    void anInterruptionCutsARequestStillWaitingForItsResponse() throws Exception {
        Path dataset = work().resolve("held.jsonl");
        Files.writeString(dataset, "{\"prompt\": \"" + FakeVllm.SLOW + "\", \"adapter_name\": \"alpha\"}\n");
        CurrentRun current = context.getRegistry().lookupByNameAndType("currentRun", CurrentRun.class);
        CompletionCall calls = context.getRegistry().lookupByNameAndType("completionCall", CompletionCall.class);
        Thread interrupter = new Thread(() -> {
            try {
                await(() -> !server().received().isEmpty() && current.open().isPresent(), Duration.ofSeconds(30));
                current.open().orElseThrow().interrupt("interrupted by the test");
                calls.cutInFlight();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        interrupter.start();
        RunOutcome outcome = bench(dataset);
        interrupter.join();

        List<CSVRecord> rows = readCsv(outcome.folder().resolve("results.csv"));
        assertEquals("interrupted (interrupted by the test) before the response arrived", rows.get(0).get("error"),
                "the server holds the response for 3 s; the request is cut at once, not answered late");
    }

    @Test
    void inFlightRequestsNeverExceedTheConcurrency() throws IOException {
        writeConfig(Map.of("concurrency", "3"));

        RunOutcome outcome = bench(DATASETS.resolve("forty.jsonl"));

        assertEquals(40L, outcome.results().counts().successful());
        assertEquals(3, server().maxInFlight());
    }

    @Test
    void commandLineConcurrencyOverridesTheFile() {
        bench(DATASETS.resolve("forty.jsonl"), Map.of("benchmark.concurrency", "2"));

        assertEquals(2, server().maxInFlight());
    }

    @Test
    void numRequestsCyclesThroughTheLinesWithUniqueIds() throws IOException {
        writeConfig(Map.of("num_requests", "10"));

        RunOutcome outcome = bench(MIXED);

        List<CSVRecord> measured = readCsv(outcome.folder().resolve("results.csv")).stream()
                .filter(r -> !r.get("request_id").isEmpty()).toList();
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), measured.stream().map(r -> r.get("request_id")).toList());
        List<String> validLines = List.of("1", "2", "4", "5", "12", "13", "14", "15", "16", "18");
        assertEquals(validLines, measured.stream().map(r -> r.get("line")).toList());
        writeConfig(Map.of("num_requests", "23"));
        List<String> cycled = readCsv(bench(MIXED).folder().resolve("results.csv")).stream()
                .filter(r -> !r.get("request_id").isEmpty()).map(r -> r.get("line")).toList();
        assertEquals(23, cycled.size());
        for (int i = 0; i < cycled.size(); i++) {
            assertEquals(validLines.get(i % validLines.size()), cycled.get(i));
        }
    }

    @Test
    void theSameSeedPlansTheSameRequests() throws IOException {
        writeConfig(Map.of("shuffle_data", "true", "random_adapter_assignment", "true", "seed", "42", "num_requests", "30"));
        List<String> first = plan(bench(DATASETS.resolve("forty.jsonl")));
        List<String> second = plan(bench(DATASETS.resolve("forty.jsonl")));
        writeConfig(Map.of("shuffle_data", "true", "random_adapter_assignment", "true", "seed", "43", "num_requests", "30"));
        List<String> otherSeed = plan(bench(DATASETS.resolve("forty.jsonl")));

        assertEquals(first, second);
        assertNotEquals(first, otherSeed);
        assertTrue(first.stream().map(p -> p.split("\\|")[2]).allMatch(Set.of("alpha", "beta", "gamma")::contains),
                "random assignment draws from the catalog only, never the dataset's base-model lines");
    }

    @Test
    void anExternalServerThatNeverAnswersFailsTheRunWithTheReason() throws IOException {
        int closedPort = server().port();
        server().close();
        writeConfig(Map.of());

        RunOutcome outcome = bench(DATASETS.resolve("forty.jsonl"));

        assertFalse(outcome.isCompleted());
        assertEquals("the server at http://127.0.0.1:" + closedPort + " was not ready within 3 s (server.startup_timeout_s);"
                + " the port refused connections", outcome.message());
        assertTrue(Files.readString(outcome.folder().resolve("error.txt")).contains("was not ready within 3 s"));
    }

    @Test
    void relativePathsResolveAgainstTheConfigFolder() throws IOException {
        Path project = Files.createDirectories(work().resolve("elsewhere/project"));
        Files.copy(DATASETS.resolve("forty.jsonl"), project.resolve("prompts.jsonl"));
        Files.writeString(project.resolve("config.yaml"), Files.readString(configFile())
                .replace("  adapters_dir: " + FIXTURE_ADAPTERS, "  adapters_dir: ../../adapters-copy")
                .replace("benchmark:\n", "benchmark:\n  dataset_path: prompts.jsonl\n"));
        copyFolder(FIXTURE_ADAPTERS, work().resolve("adapters-copy"));

        RunOutcome outcome = template.requestBody("direct:benchmark", new dev.multilora.run.RunRequest(null,
                project.resolve("config.yaml"), Map.of(), "bench", outbox()), RunOutcome.class);

        assertTrue(outcome.isCompleted(), outcome.message());
        assertEquals(project.resolve("outbox"), outcome.folder().getParent());
        assertEquals(project.resolve("prompts.jsonl").toString(), outcome.results().dataset().toString());
        assertEquals(40L, outcome.results().counts().successful());
    }

    @Test
    void aDatasetWithoutValidLinesEndsWithAnErrorReport() throws IOException {
        RunOutcome outcome = bench(DATASETS.resolve("invalid-only.jsonl"));

        assertFalse(outcome.isCompleted());
        String report = Files.readString(outcome.folder().resolve("error.txt"));
        assertTrue(report.contains("the dataset has no valid line"), report);
        assertFalse(Files.exists(outcome.folder().resolve("results.json")));
        assertTrue(server().received().isEmpty());
    }

    @Test
    void aMissingDatasetIsNamedInTheErrorReport() throws IOException {
        Path missing = work().resolve("nowhere.jsonl");
        RunOutcome outcome = bench(missing);

        assertFalse(outcome.isCompleted());
        assertEquals("dataset " + missing + " does not exist or cannot be read", outcome.message());
    }

    @Test
    void benchRefusesToRunWhileAnotherRunHoldsTheLock() {
        try (RunLock ignored = RunLock.tryAcquire(outbox(), "watch")) {
            RunOutcome outcome = bench(MIXED);

            assertFalse(outcome.isCompleted());
            assertTrue(outcome.message().startsWith("another benchmark is running (watch pid "), outcome.message());
        }
        assertTrue(bench(MIXED).isCompleted(), "the lock is free again once its holder is done");
    }

    @Test
    void aRunFolderLeftHalfWrittenByAStoppedProcessIsPublishedWithAnErrorReport() throws IOException {
        Path stale = Files.createDirectories(outbox().resolve(".mixed-20000101-000000.partial"));
        Files.writeString(stale.resolve("results.csv"), "request_id\n");

        assertTrue(bench(MIXED).isCompleted());

        Path recovered = outbox().resolve("mixed-20000101-000000");
        assertTrue(Files.readString(recovered.resolve("error.txt")).startsWith("run interrupted: multilora-bench stopped"));
        assertTrue(Files.exists(recovered.resolve("results.csv")), "what the interrupted run had written is kept");
        assertNull(outboxLeftovers());
    }

    @Test
    void runFoldersAreNamedAfterTheDatasetAndNeverReused() {
        RunOutcome first = bench(MIXED);
        RunOutcome second = bench(MIXED);

        assertTrue(first.folder().getFileName().toString().matches("mixed-\\d{8}-\\d{6}(-\\d+)?"));
        assertNotEquals(first.folder(), second.folder());
        assertNull(outboxLeftovers());
    }

    @Test
    void reportHtmlAndPlotsAreWrittenForARun() throws IOException {
        RunOutcome outcome = bench(MIXED);

        String html = Files.readString(outcome.folder().resolve("report.html"));
        assertTrue(Files.size(outcome.folder().resolve("plots/latency_histogram.png")) > 0);
        assertTrue(html.contains("<img src=\"plots/latency_histogram.png\""), html);
        assertTrue(html.contains("<div class=\"value\">5 ok</div><div class=\"detail\">11 failed (6 invalid lines, 0 not sent)</div>"), html);
        assertTrue(html.contains("<td>HTTP 502: &lt;html&gt;bad gateway&lt;/html&gt;</td><td>1</td>"), html);
        assertFalse(html.contains("<html>bad gateway"), html);
    }

    private String outboxLeftovers() {
        try (var files = Files.list(outbox())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial")).findFirst().orElse(null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> plan(RunOutcome outcome) throws IOException {
        return readCsv(outcome.folder().resolve("results.csv")).stream()
                .map(r -> r.get("request_id") + "|" + r.get("line") + "|" + r.get("adapter_name")).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static <T> List<T> iterable(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    /** numpy.percentile's default ("linear") method, written from its definition. */
    private static double numpyPercentile(List<Double> samples, double p) {
        List<Double> sorted = new ArrayList<>(new TreeMap<>(indexed(samples)).values());
        double h = (sorted.size() - 1) * p / 100;
        int lower = (int) Math.floor(h);
        int upper = Math.min(lower + 1, sorted.size() - 1);
        return sorted.get(lower) + (h - lower) * (sorted.get(upper) - sorted.get(lower));
    }

    private static Map<String, Double> indexed(List<Double> samples) {
        Map<String, Double> map = new TreeMap<>();
        for (int i = 0; i < samples.size(); i++) {
            map.put(String.format("%030.15f#%05d", samples.get(i), i), samples.get(i));
        }
        return map;
    }

    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)));
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.collect(Collectors.toCollection(TreeSet::new))) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
