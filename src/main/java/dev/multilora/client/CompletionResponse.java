package dev.multilora.client;

/**
 * What a /v1/completions response said: generated text and token counts, or the server's error.
 *
 * @param truth what the server says it did (the stand-in's adapter load and served adapter)
 */
public record CompletionResponse(String text, Integer completionTokens, Integer promptTokens, ServerTruth truth,
                                 String error) {

    static CompletionResponse success(String text, int completionTokens, Integer promptTokens, ServerTruth truth) {
        return new CompletionResponse(text, completionTokens, promptTokens, truth, null);
    }

    static CompletionResponse failure(String error) {
        return new CompletionResponse(null, null, null, ServerTruth.UNTOLD, error);
    }

    public boolean succeeded() {
        return error == null;
    }
}
