package dev.multilora.sim.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The body each engine wraps an error in. */
enum ErrorStyle {
    /** {"error":{"message","type","param","code"}} (vLLM's ErrorResponse). */
    VLLM,
    /**
     * {"error":{"code","message","type"}}, the type derived from the status as llama-server's
     * format_error_response does (tools/server/server-common.cpp).
     */
    LLAMACPP,
    /** {"object":"error","message","type","param","code"}, flat (SGLang's create_error_response). */
    SGLANG,
    /** {"error","error_type"}, flat (TGI's ErrorResponse, router/src/server.rs). */
    TGI;

    void write(JsonGenerator json, ApiError error) throws IOException {
        json.writeStartObject();
        switch (this) {
            case VLLM -> {
                json.writeObjectFieldStart("error");
                json.writeStringField("message", error.getMessage());
                json.writeStringField("type", error.type());
                json.writeStringField("param", error.param());
                json.writeNumberField("code", error.status());
                json.writeEndObject();
            }
            case LLAMACPP -> {
                json.writeObjectFieldStart("error");
                json.writeNumberField("code", error.status());
                json.writeStringField("message", error.getMessage());
                json.writeStringField("type", error.typeForDialect() ? error.type() : llamaCppType(error.status()));
                json.writeEndObject();
            }
            case SGLANG -> {
                json.writeStringField("object", "error");
                json.writeStringField("message", error.getMessage());
                json.writeStringField("type", error.typeForDialect() ? error.type() : sglangType(error.status()));
                json.writeStringField("param", error.param());
                json.writeNumberField("code", error.status());
            }
            case TGI -> {
                json.writeStringField("error", error.getMessage());
                json.writeStringField("error_type", error.typeForDialect() ? error.type() : tgiType(error.status()));
            }
        }
        json.writeEndObject();
    }

    private static String llamaCppType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 501 -> "not_supported_error";
            case 503 -> "unavailable_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    private static String sglangType(int status) {
        return switch (status) {
            case 404 -> "NotFoundError";
            default -> status >= 500 ? "InternalServerError" : "BadRequestError";
        };
    }

    /** InferError's error_type by status: 422 validation, 424 generation, 429 overloaded, 500 incomplete_generation. */
    private static String tgiType(int status) {
        return switch (status) {
            case 422, 400 -> "validation";
            case 424 -> "generation";
            case 429 -> "overloaded";
            case 404 -> "not_found";
            default -> status >= 500 ? "incomplete_generation" : "validation";
        };
    }
}
