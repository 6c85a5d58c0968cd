package dev.multilora.sim.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.BooleanSupplier;

/**
 * llama-server's paths. While the model loads every path answers 503 "Loading model" (the
 * middleware_server_state of tools/server/server-http.cpp); then the API-key check, then the routes.
 */
final class LlamaCppRouter implements Handler<HttpServerRequest> {

    private final Readiness readiness;
    private final ApiKeys apiKeys;
    private final Replies replies;
    private final CompletionsHandler completions;
    private final LlamaCppEndpoints endpoints;
    private final LlamaCppMetricsHandler metrics;
    private final Buffer simInfo;
    private final BooleanSupplier engineAlive;

    /** @param metrics null without --metrics */
    LlamaCppRouter(Readiness readiness, ApiKeys apiKeys, Replies replies, CompletionsHandler completions,
            LlamaCppEndpoints endpoints, LlamaCppMetricsHandler metrics, Buffer simInfo, BooleanSupplier engineAlive) {
        this.readiness = readiness;
        this.apiKeys = apiKeys;
        this.replies = replies;
        this.completions = completions;
        this.endpoints = endpoints;
        this.metrics = metrics;
        this.simInfo = simInfo;
        this.engineAlive = engineAlive;
    }

    @Override
    public void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        String path = request.path();
        HttpMethod method = request.method();
        if (path.equals("/sim/info")) {
            replies.json(response, 200, simInfo);
            return;
        }
        if (!readiness.isReady()) {
            replies.error(response, ApiError.typed(503, "unavailable_error", "Loading model"));
            return;
        }
        if (!apiKeys.allows(request)) {
            replies.unauthorized(response);
            return;
        }
        switch (path) {
            case "/health", "/v1/health" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    endpoints.health(response, engineAlive.getAsBoolean());
                }
            }
            case "/v1/models", "/models" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    endpoints.models(response);
                }
            }
            case "/props" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    endpoints.props(response);
                }
            }
            case "/lora-adapters" -> {
                if (method == HttpMethod.GET) {
                    endpoints.listAdapters(response);
                } else if (method == HttpMethod.POST) {
                    request.bodyHandler(body -> endpoints.setAdapters(response, body));
                } else {
                    replies.methodNotAllowed(response);
                }
            }
            case "/v1/completions", "/completions" -> {
                if (expect(HttpMethod.POST, method, response)) {
                    request.bodyHandler(body -> completions.handle(request, body, false));
                }
            }
            case "/v1/chat/completions" -> {
                if (expect(HttpMethod.POST, method, response)) {
                    request.bodyHandler(body -> completions.handle(request, body, true));
                }
            }
            case "/metrics" -> {
                if (metrics == null) {
                    replies.error(response, ApiError.typed(501, "not_supported_error",
                            "This server does not support metrics endpoint."));
                } else if (expect(HttpMethod.GET, method, response)) {
                    metrics.handle(response);
                }
            }
            default -> replies.notFound(response);
        }
    }

    private boolean expect(HttpMethod expected, HttpMethod actual, HttpServerResponse response) {
        if (expected.equals(actual)) {
            return true;
        }
        replies.methodNotAllowed(response);
        return false;
    }
}
