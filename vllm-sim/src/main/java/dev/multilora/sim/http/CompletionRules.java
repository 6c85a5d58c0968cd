package dev.multilora.sim.http;

/** What differs between dialects in reading a completion request: the adapter it names, its length limit. */
interface CompletionRules {

    /**
     * What runs a request.
     *
     * @param engineName    the adapter, the adapter combination (llama-server), or null for the base model
     * @param adapterCount  how many adapters {@code engineName} stands for
     * @param responseModel the {@code model} responses carry
     */
    record Selection(String engineName, int adapterCount, String responseModel) {
        static Selection base(String responseModel) {
            return new Selection(null, 0, responseModel);
        }
    }

    Selection select(CompletionParams params) throws ApiError;

    /** The most tokens the request may generate, or an error when it does not fit the context. */
    int outputLimit(CompletionParams params) throws ApiError;
}
