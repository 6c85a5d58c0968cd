package dev.multilora.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The stand-in started inside the test JVM on a free port, for fast tests of a dialect's HTTP surface. */
final class InProcessSim implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final CompletableFuture<VllmSim.Running> running;
    private final int port;

    private InProcessSim(CompletableFuture<VllmSim.Running> running, int port) {
        this.running = running;
        this.port = port;
    }

    /** Launches {@code args --port FREE} without waiting for start-up to end (it may have a load delay). */
    static InProcessSim launch(String... args) throws IOException {
        int port = SimProcess.freePort();
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--port", Integer.toString(port)));
        CompletableFuture<VllmSim.Running> running = CompletableFuture.supplyAsync(() -> {
            try {
                return VllmSim.launch(command.toArray(String[]::new), Map.of());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return new InProcessSim(running, port);
    }

    /** Launches and waits until start-up is over. */
    static InProcessSim start(String... args) throws Exception {
        InProcessSim sim = launch(args);
        sim.awaitReady();
        return sim;
    }

    void awaitReady() throws Exception {
        running.get(30, TimeUnit.SECONDS);
    }

    boolean isReady() {
        return running.isDone();
    }

    int port() {
        return port;
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A completion asserted to succeed, with its body as JSON. */
    JsonNode complete(String body, String... headers) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/v1/completions", body, headers);
        if (response.statusCode() != 200) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
        return SimClient.JSON.readTree(response.body());
    }

    /** What the ground truth says ran: the adapter (combination) name, or null for the base model. */
    static String loraName(JsonNode completion) {
        JsonNode name = completion.path("usage").path("sim_timing").path("lora_name");
        return name.isNull() || name.isMissingNode() ? null : name.asText();
    }

    @Override
    public void close() throws Exception {
        running.get(30, TimeUnit.SECONDS).close();
    }
}
