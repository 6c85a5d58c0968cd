package dev.multilora.sim.http;

import dev.multilora.sim.engine.EngineMetrics;
import dev.multilora.sim.engine.LoraActivity;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/** GET /metrics: the engine's state in Prometheus text format, under vLLM's metric names. */
final class MetricsHandler {

    private final EngineMetrics metrics;
    private final String labels;
    private final boolean loraEnabled;
    private final int maxLoras;
    private final long kvCacheTokens;

    MetricsHandler(EngineMetrics metrics, String modelName, boolean loraEnabled, int maxLoras, long kvCacheTokens) {
        this.metrics = metrics;
        this.labels = "engine=\"0\",model_name=\"" + PrometheusText.escape(modelName) + "\"";
        this.loraEnabled = loraEnabled;
        this.maxLoras = maxLoras;
        this.kvCacheTokens = kvCacheTokens;
    }

    void handle(HttpServerResponse response) {
        PrometheusText text = new PrometheusText(labels)
                .gauge("vllm:num_requests_running", "Number of requests in model execution batches.",
                        metrics.running())
                .gauge("vllm:num_requests_waiting", "Number of requests waiting to be processed.", metrics.waiting())
                .gauge("vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.",
                        Math.min(1.0, (double) metrics.kvCacheTokensUsed() / kvCacheTokens));
        if (loraEnabled) {
            loraInfo(text);
        }
        text.counter("vllm:prompt_tokens", "Number of prefill tokens processed.", metrics.promptTokens())
                .counter("vllm:generation_tokens", "Number of generation tokens processed.", metrics.generationTokens())
                .histogram("vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.",
                        metrics.timeToFirstToken())
                .histogram("vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.",
                        metrics.endToEnd())
                .histogram("vllm:request_queue_time_seconds",
                        "Histogram of time spent in WAITING phase for request.", metrics.queueTime())
                .send(response);
    }

    /** vLLM's lora_requests_info carries no engine/model_name labels. */
    private void loraInfo(PrometheusText text) {
        text.header("vllm:lora_requests_info", "Running stats on lora requests.", "gauge");
        for (Map.Entry<LoraActivity, Double> series : metrics.loraSeries().entrySet()) {
            text.sampleWithoutCommonLabels("vllm:lora_requests_info", "max_lora=\"" + maxLoras
                    + "\",running_lora_adapters=\"" + PrometheusText.escape(series.getKey().running())
                    + "\",waiting_lora_adapters=\"" + PrometheusText.escape(series.getKey().waiting()) + "\"",
                    series.getValue());
        }
    }
}
