package dev.multilora.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.testing.PipelineTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.main.MainConfigurationProperties;
import org.junit.jupiter.api.Test;

/** The run API on a real port, driven by a real HTTP client, with `watch` running the runs it queues. */
class ApiRouteTest extends PipelineTestSupport {
    private static final String TOKEN = "s3cret";
    private static final Duration PATIENCE = Duration.ofSeconds(40);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    @Override
    protected boolean watchMode() {
        return true;
    }

    @Override
    protected Properties extraProperties() {
        Properties properties = new Properties();
        properties.setProperty("multilora.api.disabled", "false");
        return properties;
    }

    /** The embedded HTTP server, as the launcher turns it on for api.port. */
    @Override
    protected void configure(MainConfigurationProperties configuration) {
        super.configure(configuration);
        configuration.httpServer().withEnabled(true).withHost("127.0.0.1").withPort(port());
    }

    @Override
    protected String extraConfig() {
        return "api:\n  port: " + port() + "\n  token: " + TOKEN + "\n";
    }

    @Test
    void aPostedDatasetRunsWithItsOverridesAndItsResultsCanBeFetched() throws Exception {
        HttpResponse<String> posted = send(authorized("/runs?benchmark.concurrency=2&generation.max_tokens=3")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(DATASETS.resolve("forty.jsonl"))));

        assertEquals(202, posted.statusCode(), posted.body());
        String id = json.readTree(posted.body()).get("id").asText();
        assertEquals("/runs/" + id, posted.headers().firstValue("Location").orElseThrow());
        JsonNode status = awaitEnded(id);
        assertEquals("completed", status.get("status").asText(), status.toString());
        assertEquals(40, status.get("summary").get("successful_requests").asInt());

        HttpResponse<String> results = send(authorized("/runs/" + id + "/results.json").GET());
        assertEquals(200, results.statusCode());
        JsonNode config = json.readTree(results.body()).get("config");
        assertEquals(2, config.get("benchmark").get("concurrency").asInt(), "the query's overrides applied to this run");
        assertEquals(3, config.get("generation").get("max_tokens").asInt());
        HttpResponse<String> csv = send(authorized("/runs/" + id + "/results.csv").GET());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertEquals(41, csv.body().lines().count(), "a header and one row per request");

        JsonNode listed = json.readTree(send(authorized("/runs").GET()).body());
        assertTrue(listed.get("runs").get(0).get("run").asText().startsWith(id + "-"), listed.toString());
        JsonNode health = json.readTree(send(HttpRequest.newBuilder(uri("/health")).GET()).body());
        assertEquals(0, health.get("queue_length").asInt());
        assertEquals("completed", health.get("last_run").get("status").asText());
    }

    @Test
    void aJsonRequestCarriesItsLinesAndOverrides() throws Exception {
        String body = """
                {"lines": [{"prompt": "one", "adapter_name": "alpha"}, {"prompt": "two", "adapter_name": "beta"}],
                 "overrides": {"benchmark.concurrency": 1}}""";

        HttpResponse<String> posted = send(authorized("/runs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertEquals(202, posted.statusCode(), posted.body());
        JsonNode status = awaitEnded(json.readTree(posted.body()).get("id").asText());
        assertEquals(2, status.get("summary").get("successful_requests").asInt(), status.toString());
    }

    @Test
    void badCallsGetAnErrorNamingTheFieldAndQueueNothing() throws Exception {
        assertError(send(authorized("/runs?benchmark.concurency=2").POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"p\"}\n"))),
                400, "overrides", "did you mean 'benchmark.concurrency'");
        assertError(send(authorized("/runs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dataset\": []}"))), 400, "dataset", "unknown field");
        assertError(send(authorized("/runs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dataset_path\": \"/no/such.jsonl\"}"))), 400, "dataset_path", "no readable file");
        assertError(send(authorized("/runs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json"))), 400, "body", "not valid JSON");
        assertError(send(authorized("/runs").POST(HttpRequest.BodyPublishers.noBody())), 400, "body", "no dataset");
        assertError(send(authorized("/runs").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"p\"}"))), 415, "Content-Type", "application/x-ndjson");
        assertError(send(authorized("/runs/nope").GET()), 404, "id", "no run nope");
        assertError(send(authorized("/runs?limit=abc").GET()), 400, "limit", "whole number");
        assertError(send(authorized("/runs/nope").DELETE()), 404, "id", "no run nope");

        try (Stream<Path> left = Files.list(inbox())) {
            assertEquals(List.of(), left.filter(Files::isRegularFile).toList(), "nothing was queued");
        }
    }

    @Test
    void withoutTheTokenOnlyHealthAnswers() throws Exception {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/runs")).GET());
        assertError(refused, 401, "Authorization", "bearer token");
        assertEquals("Bearer", refused.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertError(send(HttpRequest.newBuilder(uri("/runs")).header("Authorization", "Bearer wrong")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"p\"}\n"))), 401, "Authorization", "not api.token");

        assertEquals(200, send(HttpRequest.newBuilder(uri("/health")).GET()).statusCode());
        assertEquals(200, send(authorized("/runs").GET()).statusCode());
    }

    @Test
    void aQueuedRunIsCancelledBeforeItRunsAndARunningOneIsInterruptedForGood() throws Exception {
        server().holdMillis(150);
        String running = submit("/runs?benchmark.concurrency=1");
        String queued = submit("/runs");
        await(() -> "running".equals(status(running).get("status").asText()));

        HttpResponse<String> cancelledQueued = send(authorized("/runs/" + queued).DELETE());
        assertEquals(200, cancelledQueued.statusCode(), cancelledQueued.body());
        JsonNode queuedStatus = status(queued);
        assertEquals("cancelled", queuedStatus.get("status").asText(), queuedStatus.toString());
        HttpResponse<String> cancelledRunning = send(authorized("/runs/" + running).DELETE());
        assertEquals(202, cancelledRunning.statusCode(), cancelledRunning.body());

        JsonNode runningStatus = awaitEnded(running);
        assertEquals("interrupted", runningStatus.get("status").asText(), runningStatus.toString());
        assertTrue(runningStatus.get("message").asText().contains("cancelled through the API"), runningStatus.toString());
        assertTrue(runningStatus.get("summary").get("not_sent_requests").asInt() > 0, "nothing more was sent");
        await(() -> count(inbox().resolve(".failed")) == 2);
        assertEquals(0, count(inbox().resolve(".running")), "a cancelled run is never run again");
        assertError(send(authorized("/runs/" + running).DELETE()), 409, "id", "cannot be cancelled");
    }

    @Test
    void aPostedSweepRunsEveryPointAndItsSummaryCanBeFetched() throws Exception {
        String sweep = "dataset: " + DATASETS.resolve("forty.jsonl") + "\nrepeats: 1\noverrides:\n  benchmark.num_requests: 4\n"
                + "grid:\n  benchmark.concurrency: [1, 2]\n";

        HttpResponse<String> posted = send(authorized("/runs").header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(sweep)));

        assertEquals(202, posted.statusCode(), posted.body());
        String id = json.readTree(posted.body()).get("id").asText();
        JsonNode status = awaitEnded(id);
        assertEquals("completed", status.get("status").asText(), status.toString());
        assertEquals(2, status.get("summary").get("runs").asInt(), status.toString());
        assertEquals(2, status.get("summary").get("completed_runs").asInt());
        assertTrue(Path.of(status.get("folder").asText()).getFileName().toString().startsWith("sweep-" + id + "-"), status.toString());
        HttpResponse<String> csv = send(authorized("/runs/" + id + "/summary.csv").GET());
        assertEquals(200, csv.statusCode(), csv.body());
        assertEquals(3, csv.body().lines().count(), "a header and one row per run");
        assertTrue(status.get("files").has("sweep.json"), status.toString());
        await(() -> countNamed(inbox().resolve(".done"), ".sweep.yaml") == 1);
    }

    @Test
    void aBadSweepIsRefusedNamingItsKeyAndQueuesNothing() throws Exception {
        assertError(send(authorized("/runs").header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString("dataset: " + DATASETS.resolve("forty.jsonl") + "\ngrid:\n  benchmark.concurency: [1, 2]\n"))),
                400, "sweep", "did you mean 'benchmark.concurrency'");
        assertError(send(authorized("/runs?benchmark.concurrency=2").header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString("grid:\n  benchmark.concurrency: [1, 2]\n"))), 400, "benchmark.concurrency",
                "go in the sweep file");
        assertError(send(authorized("/runs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sweep\": {\"grid\": {}}, \"lines\": []}"))), 400, "lines", "sent alone");

        try (Stream<Path> left = Files.list(inbox())) {
            assertEquals(List.of(), left.filter(Files::isRegularFile).toList(), "nothing was queued");
        }
    }

    @Test
    void aRunningSweepCancelledStartsNoFurtherRun() throws Exception {
        server().holdMillis(100);
        String body = json.writeValueAsString(json.createObjectNode().set("sweep", json.readTree("{\"dataset\": \""
                + DATASETS.resolve("forty.jsonl") + "\", \"repeats\": 1, \"overrides\": {\"benchmark.concurrency\": 1},"
                + " \"grid\": {\"generation.max_tokens\": [3, 4, 5]}}")));
        HttpResponse<String> posted = send(authorized("/runs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(202, posted.statusCode(), posted.body());
        String id = json.readTree(posted.body()).get("id").asText();
        await(() -> "running".equals(status(id).get("status").asText()) && status(id).has("progress"));

        HttpResponse<String> cancelled = send(authorized("/runs/" + id).DELETE());
        assertEquals(202, cancelled.statusCode(), cancelled.body());

        JsonNode status = awaitEnded(id);
        assertEquals("cancelled", status.get("status").asText(), status.toString());
        assertEquals(1, status.get("summary").get("runs").asInt(), "only the run it cut: " + status);
        await(() -> countNamed(inbox().resolve(".failed"), ".sweep.yaml") == 1);
        assertEquals(0, countNamed(inbox().resolve(".running"), ".sweep.yaml"), "a cancelled sweep is never run again");
    }

    private String submit(String path) throws Exception {
        HttpResponse<String> posted = send(authorized(path).POST(HttpRequest.BodyPublishers.ofFile(DATASETS.resolve("forty.jsonl"))));
        assertEquals(202, posted.statusCode(), posted.body());
        return json.readTree(posted.body()).get("id").asText();
    }

    private JsonNode status(String id) throws Exception {
        return json.readTree(send(authorized("/runs/" + id).GET()).body());
    }

    private JsonNode awaitEnded(String id) throws Exception {
        await(() -> !List.of("queued", "running").contains(status(id).get("status").asText()));
        return status(id);
    }

    private void assertError(HttpResponse<String> response, int status, String field, String says) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = json.readTree(response.body());
        assertEquals(field, error.get("field").asText(), response.body());
        assertTrue(error.get("error").asText().contains(says), response.body());
        assertTrue(response.headers().firstValue("Authorization").isEmpty(), "request headers are not echoed");
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!check.holds()) {
            assertTrue(Instant.now().isBefore(deadline), "gave up waiting after " + PATIENCE);
            Thread.sleep(100);
        }
    }

    private static long count(Path folder) throws IOException {
        return countNamed(folder, ".jsonl");
    }

    private static long countNamed(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).count();
        }
    }

    /** Chosen on first use: the Camel context is configured from the superclass's constructor, before this class's fields. */
    private int port() {
        if (port == 0) {
            port = freePort();
        }
        return port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
