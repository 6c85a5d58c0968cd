package dev.multilora.sim.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * The short fixed answers: FastAPI's routing errors and vLLM's/SGLang's 401 (Python dialects), or
 * llama-server's error bodies.
 */
final class Replies {

    private static final Buffer NOT_FOUND = Buffer.buffer("{\"detail\":\"Not Found\"}");
    private static final Buffer METHOD_NOT_ALLOWED = Buffer.buffer("{\"detail\":\"Method Not Allowed\"}");
    private static final Buffer UNAUTHORIZED = Buffer.buffer("{\"error\":\"Unauthorized\"}");

    private final CompletionJson json;
    private final boolean llamaCpp;
    /** axum answers an unknown path with 404 and a wrong method with 405, both with an empty body. */
    private final boolean tgi;

    Replies(CompletionJson json, ErrorStyle style) {
        this.json = json;
        this.llamaCpp = style == ErrorStyle.LLAMACPP;
        this.tgi = style == ErrorStyle.TGI;
    }

    void error(HttpServerResponse response, ApiError error) {
        json(response, error.status(), json.error(error));
    }

    void notFound(HttpServerResponse response) {
        if (llamaCpp) {
            error(response, ApiError.typed(404, "not_found_error", "File Not Found"));
        } else if (tgi) {
            response.setStatusCode(404).end();
        } else {
            json(response, 404, NOT_FOUND);
        }
    }

    /** llama-server registers each path for one method only, so another method is not found there. */
    void methodNotAllowed(HttpServerResponse response) {
        if (llamaCpp) {
            notFound(response);
        } else if (tgi) {
            response.setStatusCode(405).end();
        } else {
            json(response, 405, METHOD_NOT_ALLOWED);
        }
    }

    void unauthorized(HttpServerResponse response) {
        if (llamaCpp) {
            error(response, ApiError.typed(401, "authentication_error", "Invalid API Key"));
        } else {
            json(response, 401, UNAUTHORIZED);
        }
    }

    void json(HttpServerResponse response, int status, Buffer body) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }

    void text(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(body);
    }
}
