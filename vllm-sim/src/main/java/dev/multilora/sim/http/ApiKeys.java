package dev.multilora.sim.http;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** An --api-key check: Bearer tokens on the paths the dialect protects; no keys means no check. */
final class ApiKeys {

    /** llama-server's public endpoints (tools/server/server-http.cpp). */
    private static final Set<String> LLAMACPP_PUBLIC = Set.of("/health", "/v1/health", "/models", "/v1/models", "/");

    private final List<String> keys;
    private final Predicate<String> protectedPath;
    private final boolean xApiKeyHeader;

    private ApiKeys(List<String> keys, Predicate<String> protectedPath, boolean xApiKeyHeader) {
        this.keys = keys;
        this.protectedPath = protectedPath;
        this.xApiKeyHeader = xApiKeyHeader;
    }

    /** vLLM: /v1 paths only. */
    static ApiKeys vllm(List<String> keys) {
        return new ApiKeys(keys, path -> path.startsWith("/v1"), false);
    }

    /** llama-server: every path but the public ones; the key may also come as X-Api-Key. */
    static ApiKeys llamaCpp(List<String> keys) {
        return new ApiKeys(keys, path -> !LLAMACPP_PUBLIC.contains(path), true);
    }

    /** SGLang's middleware: every path but /health* and /metrics* (utils add_api_key_middleware). */
    static ApiKeys sglang(List<String> keys) {
        return new ApiKeys(keys, path -> !path.startsWith("/health") && !path.startsWith("/metrics"), false);
    }

    boolean allows(HttpServerRequest request) {
        if (keys.isEmpty() || !protectedPath.test(request.path())) {
            return true;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")
                && keys.contains(authorization.substring("Bearer ".length()))) {
            return true;
        }
        return xApiKeyHeader && keys.contains(request.getHeader("X-Api-Key"));
    }
}
