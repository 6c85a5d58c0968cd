package dev.multilora.sim.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a /v1/completions body that shape the simulated request. Sampling parameters
 * (temperature, top_p, top_k) are type-checked and otherwise ignored.
 *
 * @param model       null when omitted
 * @param promptKey   the prompt as text, for seeding
 * @param maxTokens   -1 when the request gives none and the dialect's default is "until the context is full"
 * @param seed        the request's own seed, or null for the server's --seed
 * @param request     the whole body, for the fields only one dialect reads
 */
record CompletionParams(
        String model,
        String promptKey,
        int promptTokens,
        int maxTokens,
        int minTokens,
        boolean ignoreEos,
        Long seed,
        boolean stream,
        boolean includeUsage,
        boolean continuousUsage,
        JsonNode request) {
}
