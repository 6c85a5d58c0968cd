package dev.multilora.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.engine.ServingEngine;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a server whether it is ready, as its engine really behaves: vLLM's port refuses connections
 * while the model loads and its /health answers 503 only when the engine is dead; llama.cpp and
 * SGLang answer 503 while loading. Reads what it serves: /v1/models, llama.cpp's /lora-adapters,
 * its version.
 */
public final class ServerProbe {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WAITING_NOTE_INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ServerProbe.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * Polls /health until it answers 200, saying every few seconds what it is waiting for: a real
     * model takes minutes to load, and silence meanwhile reads as a hang.
     *
     * @param deathNotice says why the server can no longer come up (its process exited), or empty
     * @param lastLogLine the server's latest log line, or empty when its log is not ours to read
     */
    public void awaitHealthy(String baseUrl, ServingEngine engine, Duration timeout, Supplier<Optional<String>> deathNotice,
                             Supplier<Optional<String>> lastLogLine) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextNote = start + WAITING_NOTE_INTERVAL.toNanos();
        while (true) {
            Optional<String> dead = deathNotice.get();
            if (dead.isPresent()) {
                throw new ServerFailedException(dead.get());
            }
            Health health = health(baseUrl);
            if (health.status() != null && health.status() == 200) {
                return;
            }
            if (health.status() != null && engine.readiness(health.status()) == ServingEngine.Readiness.DEAD) {
                throw new ServerFailedException("the server at " + baseUrl + " reports its engine dead (/health "
                        + health.status() + ", which " + engine.displayName() + " answers only when it cannot serve)");
            }
            if (System.nanoTime() > deadline) {
                throw new ServerFailedException("the server at " + baseUrl + " was not ready within "
                        + timeout.toSeconds() + " s (server.startup_timeout_s); " + health.describe());
            }
            if (System.nanoTime() >= nextNote) {
                nextNote += WAITING_NOTE_INTERVAL.toNanos();
                long waited = Duration.ofNanos(System.nanoTime() - start).toSeconds();
                LOG.info("waiting for the server at {}: {}; {} s of {} s (server.startup_timeout_s){}", baseUrl, health.describe(),
                        waited, timeout.toSeconds(), lastLogLine.get().map(line -> "; its log: " + line).orElse(""));
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** True when something already answers on the port: a server we did not start would be measured. */
    public boolean isAnswering(String host, int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public List<ModelCard> models(String baseUrl, Optional<String> apiKey) throws InterruptedException {
        JsonNode body = getJson(baseUrl + "/v1/models", apiKey);
        List<ModelCard> cards = new ArrayList<>();
        for (JsonNode card : body.path("data")) {
            cards.add(new ModelCard(card.path("id").asText(), text(card.get("root")), text(card.get("parent"))));
        }
        return cards;
    }

    /** llama.cpp's GET /lora-adapters: each adapter's id and path, in id order. */
    public List<LoraAdapterEntry> loraAdapters(String baseUrl, Optional<String> apiKey) throws InterruptedException {
        List<LoraAdapterEntry> entries = new ArrayList<>();
        for (JsonNode entry : getJson(baseUrl + "/lora-adapters", apiKey)) {
            entries.add(new LoraAdapterEntry(entry.path("id").asInt(), entry.path("path").asText()));
        }
        return entries;
    }

    /**
     * The arguments the bundled stand-in accepted without knowing them (its GET /sim/info), which a
     * real engine might refuse; empty for a real engine, which has no such endpoint.
     */
    public List<String> standInIgnoredArguments(String baseUrl) throws InterruptedException {
        try {
            List<String> ignored = new ArrayList<>();
            getJson(baseUrl + "/sim/info", Optional.empty()).path("unrecognized_arguments").forEach(arg -> ignored.add(arg.asText()));
            return ignored;
        } catch (ServerFailedException e) {
            return List.of();
        }
    }

    /** One entry of llama.cpp's /lora-adapters. */
    public record LoraAdapterEntry(int id, String path) {
    }

    /** The server's version where its engine tells it, or empty when it does not answer. */
    public Optional<String> version(String baseUrl, ServingEngine engine, Optional<String> apiKey) throws InterruptedException {
        Optional<ServingEngine.VersionSource> source = engine.versionSource();
        if (source.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = getJson(baseUrl + source.get().path(), apiKey);
            for (String field : source.get().field().split("\\.")) {
                node = node.path(field);
            }
            return Optional.ofNullable(node.isMissingNode() ? null : text(node));
        } catch (ServerFailedException e) {
            return Optional.empty();
        }
    }

    private JsonNode getJson(String url, Optional<String> apiKey) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET();
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ServerFailedException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new ServerFailedException("GET " + url + " failed: " + e.getMessage());
        }
    }

    /** One /health probe: the status it answered, or why there was no answer. */
    private record Health(Integer status, String failure) {
        String describe() {
            return status != null ? "/health answered " + status : failure;
        }
    }

    private Health health(String baseUrl) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(REQUEST_TIMEOUT).GET().build();
            return new Health(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode(), null);
        } catch (HttpConnectTimeoutException e) {
            return new Health(null, "connecting to the port timed out after " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            return new Health(null, "/health accepted the connection but did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            return new Health(null, "the port refused connections");
        } catch (IOException e) {
            return new Health(null, "/health failed: " + e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
