package dev.multilora.sim.http;

/**
 * The fields of a /v1/completions body that shape the simulated request. Sampling parameters
 * (temperature, top_p, top_k) are type-checked and otherwise ignored.
 *
 * @param model       null when omitted
 * @param promptKey   the prompt as text, for seeding
 * @param seed        the request's own seed, or null for the server's --seed
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
        boolean continuousUsage) {
}
