package dev.multilora.sim.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.BooleanSupplier;

/**
 * SGLang's paths, after its API-key middleware. While starting, /health and /health_generate (one
 * handler in entrypoints/http_server.py) answer 503 with an empty body; so does every other path
 * in the stand-in.
 */
final class SglangRouter implements Handler<HttpServerRequest> {

    private final Readiness readiness;
    private final ApiKeys apiKeys;
    private final Replies replies;
    private final CompletionsHandler completions;
    private final ModelsHandler models;
    private final SglangEndpoints endpoints;
    private final SglangMetricsHandler metrics;
    private final Buffer simInfo;
    private final BooleanSupplier engineAlive;

    /** @param metrics null without --enable-metrics */
    SglangRouter(Readiness readiness, ApiKeys apiKeys, Replies replies, CompletionsHandler completions,
            ModelsHandler models, SglangEndpoints endpoints, SglangMetricsHandler metrics, Buffer simInfo,
            BooleanSupplier engineAlive) {
        this.readiness = readiness;
        this.apiKeys = apiKeys;
        this.replies = replies;
        this.completions = completions;
        this.models = models;
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
            response.setStatusCode(503).end();
            return;
        }
        if (!apiKeys.allows(request)) {
            replies.unauthorized(response);
            return;
        }
        switch (path) {
            case "/health", "/health_generate" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    response.setStatusCode(engineAlive.getAsBoolean() ? 200 : 503).end();
                }
            }
            case "/v1/models" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    models.handle(response);
                }
            }
            case "/get_server_info", "/server_info" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    endpoints.serverInfo(response);
                }
            }
            case "/get_model_info", "/model_info" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    endpoints.modelInfo(response);
                }
            }
            case "/v1/completions" -> {
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
                    replies.notFound(response);
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
