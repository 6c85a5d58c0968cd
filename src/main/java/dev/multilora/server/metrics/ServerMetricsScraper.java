package dev.multilora.server.metrics;

import dev.multilora.engine.ServingEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GET /metrics from a server, read under its engine's metric names. Sent without the API key where
 * the engine does not guard /metrics (vLLM): a key has no business travelling where it is not needed.
 */
public final class ServerMetricsScraper {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /**
     * Every server of a run at once, as one (see {@link ServerState#fleet}).
     *
     * @throws IOException when any of them has no usable /metrics, naming it (for a fleet)
     */
    public ServerState scrapeAll(List<String> baseUrls, ServingEngine engine, Optional<String> apiKey) throws IOException, InterruptedException {
        List<ServerState> states = new ArrayList<>();
        for (String baseUrl : baseUrls) {
            try {
                states.add(scrape(baseUrl, engine, apiKey));
            } catch (IOException e) {
                throw baseUrls.size() == 1 ? e : new IOException(baseUrl + ": " + e.getMessage(), e);
            }
        }
        return ServerState.fleet(states);
    }

    /** @throws IOException with a reason a reader understands when the server has no usable /metrics */
    public ServerState scrape(String baseUrl, ServingEngine engine, Optional<String> apiKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/metrics")).timeout(TIMEOUT).GET();
        if (engine.metricsNeedApiKey()) {
            apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics answered HTTP " + response.statusCode());
        }
        ServerState state = ServerState.of(PrometheusText.parse(response.body()), engine.metricNames());
        if (state.isEmpty()) {
            throw new IOException("GET /metrics holds none of " + engine.displayName() + "'s metrics");
        }
        return state;
    }
}
