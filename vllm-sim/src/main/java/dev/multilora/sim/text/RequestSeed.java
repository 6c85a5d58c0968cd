package dev.multilora.sim.text;

import java.nio.charset.StandardCharsets;

/**
 * The seed of one request's text and length, from (seed, model, prompt, max_tokens) only, so the
 * output does not depend on arrival order or on other requests.
 */
public final class RequestSeed {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private RequestSeed() {
    }

    public static long of(long seed, String model, String prompt, int maxTokens) {
        long hash = mix(FNV_OFFSET, Long.toString(seed));
        hash = mix(hash, model);
        hash = mix(hash, prompt);
        return mix(hash, Integer.toString(maxTokens));
    }

    /** FNV-1a over UTF-8 with a separator byte, so ("ab","c") and ("a","bc") differ. */
    private static long mix(long hash, String part) {
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * FNV_PRIME;
        }
        return (hash ^ 0xff) * FNV_PRIME;
    }
}
