package dev.multilora.sim.http;

/**
 * An error a request ends with. Its {@code type} is vLLM's; the other dialects' {@link ErrorStyle}
 * derives their own type from the status unless the error was made with {@link #typed}.
 */
final class ApiError extends Exception {

    private final int status;
    private final String type;
    private final String param;
    private final boolean typeForDialect;

    private ApiError(int status, String type, String message, String param, boolean typeForDialect) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.typeForDialect = typeForDialect;
    }

    private ApiError(int status, String type, String message, String param) {
        this(status, type, message, param, false);
    }

    /** An error of one dialect, with the type that engine gives it. */
    static ApiError typed(int status, String type, String message) {
        return new ApiError(status, type, message, null, true);
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

    /** Whether {@link #type()} is the answering dialect's own rather than vLLM's. */
    boolean typeForDialect() {
        return typeForDialect;
    }
}
