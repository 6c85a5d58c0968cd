package dev.multilora.sim.http;

import dev.multilora.sim.engine.EngineMetrics;
import io.vertx.core.http.HttpServerResponse;

/** GET /metrics under --metrics: llama-server's unlabelled llamacpp:* series (tools/server README). */
final class LlamaCppMetricsHandler {

    private final EngineMetrics metrics;

    LlamaCppMetricsHandler(EngineMetrics metrics) {
        this.metrics = metrics;
    }

    void handle(HttpServerResponse response) {
        long decodes = metrics.decodes();
        PrometheusText text = new PrometheusText("");
        // llama-server names its counters with the _total suffix in HELP and TYPE too
        text.header("llamacpp:prompt_tokens_total", "Number of prompt tokens processed.", "counter")
                .sample("llamacpp:prompt_tokens_total", "", metrics.promptTokens())
                .header("llamacpp:tokens_predicted_total", "Number of generation tokens processed.", "counter")
                .sample("llamacpp:tokens_predicted_total", "", metrics.generationTokens())
                .header("llamacpp:n_decode_total", "Total number of llama_decode() calls", "counter")
                .sample("llamacpp:n_decode_total", "", decodes)
                .gauge("llamacpp:n_busy_slots_per_decode", "Average number of busy slots per llama_decode() call",
                        decodes == 0 ? 0 : (double) metrics.busySlots() / decodes)
                .gauge("llamacpp:requests_processing", "Number of requests processing.", metrics.running())
                .gauge("llamacpp:requests_deferred", "Number of requests deferred.", metrics.waiting())
                .send(response);
    }
}
