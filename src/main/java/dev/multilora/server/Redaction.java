package dev.multilora.server;

/** A secret replaced by {@code <redacted>} in text this tool writes: an engine that takes its API key as a flag may log it. */
record Redaction(String secret) {
    static final String REDACTED = "<redacted>";

    static Redaction of(String secret) {
        return new Redaction(secret == null || secret.isEmpty() ? null : secret);
    }

    String apply(String text) {
        return secret == null ? text : text.replace(secret, REDACTED);
    }
}
