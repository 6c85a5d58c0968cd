package dev.multilora.sim.http;

/** An error answered in vLLM's shape: {"error":{"message","type","param","code"}}. */
final class ApiError extends Exception {

    private final int status;
    private final String type;
    private final String param;

    private ApiError(int status, String type, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
    }

    /** What FastAPI's request validation reports (malformed JSON, wrong field types). */
    static ApiError invalidRequest(String message) {
        return new ApiError(400, "Bad Request", message, null);
    }

    static ApiError badRequest(String message, String param) {
        return new ApiError(400, "BadRequestError", message, param);
    }

    static ApiError invalidUserInput(String message) {
        return new ApiError(400, "InvalidUserInput", message, null);
    }

    static ApiError notFound(String message, String param) {
        return new ApiError(404, "NotFoundError", message, param);
    }

    static ApiError internal(String message) {
        return new ApiError(500, "InternalServerError", message, null);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String param() {
        return param;
    }
}
