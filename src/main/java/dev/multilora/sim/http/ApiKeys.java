package dev.multilora.sim.http;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/** vLLM's --api-key check: Bearer tokens on /v1 paths only; no keys means no check. */
final class ApiKeys {

    private final List<String> expectedHeaders;

    ApiKeys(List<String> keys) {
        this.expectedHeaders = keys.stream().map(key -> "Bearer " + key).toList();
    }

    boolean allows(HttpServerRequest request) {
        if (expectedHeaders.isEmpty() || !request.path().startsWith("/v1")) {
            return true;
        }
        String authorization = request.getHeader("Authorization");
        return authorization != null && expectedHeaders.contains(authorization);
    }
}
