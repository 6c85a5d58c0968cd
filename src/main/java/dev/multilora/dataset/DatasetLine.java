package dev.multilora.dataset;

/**
 * One non-blank line of a JSONL dataset: either a prompt ready to send, or the reason it cannot be.
 *
 * @param lineNumber  1-based line in the file
 * @param prompt      the prompt, null when invalid
 * @param adapterName the line's adapter_name, null when absent
 * @param invalidReason why the line cannot be sent, null when valid
 * @param maxTokens   the line's own max_tokens, for fixed output lengths; null = generation.max_tokens
 */
public record DatasetLine(int lineNumber, String prompt, String adapterName, String invalidReason, Integer maxTokens) {

    public static DatasetLine valid(int lineNumber, String prompt, String adapterName, Integer maxTokens) {
        return new DatasetLine(lineNumber, prompt, adapterName, null, maxTokens);
    }

    public static DatasetLine invalid(int lineNumber, String reason) {
        return new DatasetLine(lineNumber, null, null, reason, null);
    }

    public boolean isValid() {
        return invalidReason == null;
    }
}
