package dev.multilora.client;

/** What a /v1/completions response said: generated text and token counts, or the server's error. */
public record CompletionResponse(String text, Integer completionTokens, Integer promptTokens, String error) {

    static CompletionResponse success(String text, int completionTokens, Integer promptTokens) {
        return new CompletionResponse(text, completionTokens, promptTokens, null);
    }

    static CompletionResponse failure(String error) {
        return new CompletionResponse(null, null, null, error);
    }

    public boolean succeeded() {
        return error == null;
    }
}
