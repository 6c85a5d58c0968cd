package dev.multilora.sim.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * TGI's router paths (router/src/server.rs). The router only starts once the model is loaded, so
 * there is no loading state here: the port does not listen before. Generation requests beyond
 * --max-concurrent-requests are refused with 429, as the router's semaphore refuses them.
 */
final class TgiRouter implements Handler<HttpServerRequest> {

    private static final Buffer OVERLOADED = Buffer.buffer("{\"error\":\"Model is overloaded\",\"error_type\":\"overloaded\"}");
    private static final Buffer UNHEALTHY = Buffer.buffer("{\"error\":\"unhealthy\",\"error_type\":\"healthcheck\"}");

    private final Replies replies;
    private final CompletionsHandler completions;
    private final TgiEndpoints endpoints;
    private final TgiMetricsHandler metrics;
    private final Buffer simInfo;
    private final BooleanSupplier engineAlive;
    private final int maxConcurrentRequests;
    private final AtomicInteger inFlight = new AtomicInteger();

    TgiRouter(Replies replies, CompletionsHandler completions, TgiEndpoints endpoints, TgiMetricsHandler metrics,
            Buffer simInfo, BooleanSupplier engineAlive, int maxConcurrentRequests) {
        this.replies = replies;
        this.completions = completions;
        this.endpoints = endpoints;
        this.metrics = metrics;
        this.simInfo = simInfo;
        this.engineAlive = engineAlive;
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    @Override
    public void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        HttpMethod method = request.method();
        switch (request.path()) {
            case "/sim/info" -> replies.json(response, 200, simInfo);
            case "/health" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    if (engineAlive.getAsBoolean()) {
                        response.setStatusCode(200).end();
                    } else {
                        replies.json(response, 503, UNHEALTHY);
                    }
                }
            }
            case "/info" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    endpoints.info(response);
                }
            }
            case "/v1/models" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    endpoints.models(response);
                }
            }
            case "/v1/completions" -> generate(request, false);
            case "/v1/chat/completions" -> generate(request, true);
            case "/metrics" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    metrics.handle(response);
                }
            }
            default -> replies.notFound(response);
        }
    }

    private void generate(HttpServerRequest request, boolean chat) {
        HttpServerResponse response = request.response();
        if (!expect(HttpMethod.POST, request.method(), response)) {
            return;
        }
        metrics.requestReceived();
        if (inFlight.incrementAndGet() > maxConcurrentRequests) {
            inFlight.decrementAndGet();
            replies.json(response, 429, OVERLOADED);
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        // called when the response ends or its connection closes first
        response.endHandler(ended -> {
            if (released.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                if (response.getStatusCode() == 200 && response.ended()) {
                    metrics.requestSucceeded();
                }
            }
        });
        request.bodyHandler(body -> completions.handle(request, body, chat));
    }

    private boolean expect(HttpMethod expected, HttpMethod actual, HttpServerResponse response) {
        if (expected.equals(actual)) {
            return true;
        }
        replies.methodNotAllowed(response);
        return false;
    }
}
