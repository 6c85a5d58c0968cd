package dev.multilora.results;

/** API.md's three counts: every request and invalid line, those that succeeded, and the rest. */
public record RequestCounts(long total, long successful, long failed) {
}
