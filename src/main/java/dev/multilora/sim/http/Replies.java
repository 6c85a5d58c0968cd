package dev.multilora.sim.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** The short fixed answers: vLLM's error bodies and FastAPI's routing errors. */
final class Replies {

    private static final Buffer NOT_FOUND = Buffer.buffer("{\"detail\":\"Not Found\"}");
    private static final Buffer METHOD_NOT_ALLOWED = Buffer.buffer("{\"detail\":\"Method Not Allowed\"}");
    private static final Buffer UNAUTHORIZED = Buffer.buffer("{\"error\":\"Unauthorized\"}");

    private final CompletionJson json;

    Replies(CompletionJson json) {
        this.json = json;
    }

    void error(HttpServerResponse response, ApiError error) {
        json(response, error.status(), json.error(error));
    }

    void notFound(HttpServerResponse response) {
        json(response, 404, NOT_FOUND);
    }

    void methodNotAllowed(HttpServerResponse response) {
        json(response, 405, METHOD_NOT_ALLOWED);
    }

    void unauthorized(HttpServerResponse response) {
        json(response, 401, UNAUTHORIZED);
    }

    void json(HttpServerResponse response, int status, Buffer body) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }

    void text(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(body);
    }
}
