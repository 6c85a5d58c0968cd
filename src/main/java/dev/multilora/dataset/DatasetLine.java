package dev.multilora.dataset;

/**
 * One non-blank line of a JSONL dataset: either a prompt ready to send, or the reason it cannot be.
 *
 * @param lineNumber  1-based line in the file
 * @param prompt      the prompt, or for a {@code messages} line its chat messages as compact JSON; null when invalid
 * @param adapterName the line's adapter_name, null when absent
 * @param invalidReason why the line cannot be sent, null when valid
 * @param maxTokens   the line's own max_tokens, for fixed output lengths; null = generation.max_tokens
 * @param messages    the line holds chat {@code messages} (then {@code prompt} is their JSON array), not a {@code prompt}
 */
public record DatasetLine(int lineNumber, String prompt, String adapterName, String invalidReason, Integer maxTokens,
                          boolean messages) {

    public static DatasetLine valid(int lineNumber, String prompt, String adapterName, Integer maxTokens) {
        return new DatasetLine(lineNumber, prompt, adapterName, null, maxTokens, false);
    }

    /** A chat line: {@code messagesJson} is its validated messages array as compact JSON. */
    public static DatasetLine chat(int lineNumber, String messagesJson, String adapterName, Integer maxTokens) {
        return new DatasetLine(lineNumber, messagesJson, adapterName, null, maxTokens, true);
    }

    public static DatasetLine invalid(int lineNumber, String reason) {
        return new DatasetLine(lineNumber, null, null, reason, null, false);
    }

    public boolean isValid() {
        return invalidReason == null;
    }
}
