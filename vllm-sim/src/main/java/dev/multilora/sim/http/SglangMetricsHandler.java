package dev.multilora.sim.http;

import dev.multilora.sim.engine.EngineMetrics;
import io.vertx.core.http.HttpServerResponse;

/**
 * GET /metrics under --enable-metrics: SGLang's sglang:* series (docs references/production_metrics,
 * metrics/collector.py), labelled with model_name only, with the LoRA pool gauges when LoRA is on.
 */
final class SglangMetricsHandler {

    private final EngineMetrics metrics;
    private final String labels;
    private final boolean loraEnabled;
    private final int loraPoolSlots;

    SglangMetricsHandler(EngineMetrics metrics, String modelName, boolean loraEnabled, int loraPoolSlots) {
        this.metrics = metrics;
        this.labels = "model_name=\"" + PrometheusText.escape(modelName) + "\"";
        this.loraEnabled = loraEnabled;
        this.loraPoolSlots = loraPoolSlots;
    }

    void handle(HttpServerResponse response) {
        PrometheusText text = new PrometheusText(labels)
                .gauge("sglang:num_running_reqs", "The number of running requests.", metrics.running())
                .gauge("sglang:num_queue_reqs", "The number of requests in the waiting queue.", metrics.waiting());
        if (loraEnabled) {
            int used = metrics.gpuAdapterSlotsUsed();
            text.gauge("sglang:lora_pool_slots_used", "Number of LoRA adapter slots in use in the GPU memory pool.",
                            used)
                    .gauge("sglang:lora_pool_slots_total", "Total number of LoRA adapter slots in the GPU memory pool.",
                            loraPoolSlots)
                    .gauge("sglang:lora_pool_utilization", "Utilization of the LoRA adapter GPU memory pool.",
                            (double) used / loraPoolSlots);
        }
        text.counter("sglang:prompt_tokens", "Number of prefill tokens processed.", metrics.promptTokens())
                .counter("sglang:generation_tokens", "Number of generation tokens processed.",
                        metrics.generationTokens())
                .histogram("sglang:time_to_first_token_seconds", "Histogram of time to first token in seconds.",
                        metrics.timeToFirstToken())
                .histogram("sglang:e2e_request_latency_seconds", "Histogram of End-to-end request latency in seconds",
                        metrics.endToEnd())
                .send(response);
    }
}
