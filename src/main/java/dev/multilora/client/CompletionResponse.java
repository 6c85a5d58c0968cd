package dev.multilora.client;

/**
 * What a /v1/completions response said: generated text and token counts, or the server's error.
 *
 * @param adapterLoadSeconds the adapter load the server says the request paid; null when it does not say
 */
public record CompletionResponse(String text, Integer completionTokens, Integer promptTokens, Double adapterLoadSeconds,
                                 String error) {

    static CompletionResponse success(String text, int completionTokens, Integer promptTokens, Double adapterLoadSeconds) {
        return new CompletionResponse(text, completionTokens, promptTokens, adapterLoadSeconds, null);
    }

    static CompletionResponse failure(String error) {
        return new CompletionResponse(null, null, null, null, error);
    }

    public boolean succeeded() {
        return error == null;
    }
}
