package dev.multilora.sim.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.BooleanSupplier;

/** Maps vLLM's paths to their handlers, after vLLM's API-key middleware. */
final class ApiRouter implements Handler<HttpServerRequest> {

    private static final Buffer VERSION_BODY = Buffer.buffer("{\"version\":\"" + SimHttpServer.VERSION + "\"}");

    private final ApiKeys apiKeys;
    private final Replies replies;
    private final CompletionsHandler completions;
    private final ModelsHandler models;
    private final MetricsHandler metrics;
    private final LoraAdminHandler loraAdmin;
    private final BooleanSupplier engineAlive;
    private final Buffer simInfo;

    /** @param loraAdmin null unless VLLM_ALLOW_RUNTIME_LORA_UPDATING is on */
    ApiRouter(ApiKeys apiKeys, Replies replies, CompletionsHandler completions, ModelsHandler models,
            MetricsHandler metrics, LoraAdminHandler loraAdmin, BooleanSupplier engineAlive, Buffer simInfo) {
        this.simInfo = simInfo;
        this.apiKeys = apiKeys;
        this.replies = replies;
        this.completions = completions;
        this.models = models;
        this.metrics = metrics;
        this.loraAdmin = loraAdmin;
        this.engineAlive = engineAlive;
    }

    @Override
    public void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (!apiKeys.allows(request)) {
            replies.unauthorized(response);
            return;
        }
        HttpMethod method = request.method();
        switch (request.path()) {
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
            case "/health" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    health(response);
                }
            }
            case "/ping" -> {
                if (method == HttpMethod.GET || method == HttpMethod.POST) {
                    health(response);
                } else {
                    replies.methodNotAllowed(response);
                }
            }
            case "/sim/info" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    replies.json(response, 200, simInfo);
                }
            }
            case "/version" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    replies.json(response, 200, VERSION_BODY);
                }
            }
            case "/v1/models" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    models.handle(response);
                }
            }
            case "/metrics" -> {
                if (expect(HttpMethod.GET, method, response)) {
                    metrics.handle(response);
                }
            }
            case "/v1/load_lora_adapter" -> {
                if (loraAdmin == null) {
                    replies.notFound(response);
                } else if (expect(HttpMethod.POST, method, response)) {
                    request.bodyHandler(body -> loraAdmin.load(response, body));
                }
            }
            case "/v1/unload_lora_adapter" -> {
                if (loraAdmin == null) {
                    replies.notFound(response);
                } else if (expect(HttpMethod.POST, method, response)) {
                    request.bodyHandler(body -> loraAdmin.unload(response, body));
                }
            }
            default -> replies.notFound(response);
        }
    }

    private void health(HttpServerResponse response) {
        response.setStatusCode(engineAlive.getAsBoolean() ? 200 : 503).end();
    }

    private boolean expect(HttpMethod expected, HttpMethod actual, HttpServerResponse response) {
        if (expected.equals(actual)) {
            return true;
        }
        replies.methodNotAllowed(response);
        return false;
    }
}
