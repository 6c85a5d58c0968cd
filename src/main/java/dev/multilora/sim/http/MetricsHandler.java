package dev.multilora.sim.http;

import dev.multilora.sim.engine.EngineMetrics;
import dev.multilora.sim.engine.Histogram;
import dev.multilora.sim.engine.LoraActivity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.math.BigDecimal;
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
        this.labels = "engine=\"0\",model_name=\"" + escape(modelName) + "\"";
        this.loraEnabled = loraEnabled;
        this.maxLoras = maxLoras;
        this.kvCacheTokens = kvCacheTokens;
    }

    void handle(HttpServerResponse response) {
        StringBuilder text = new StringBuilder(8192);
        gauge(text, "vllm:num_requests_running", "Number of requests in model execution batches.",
                metrics.running());
        gauge(text, "vllm:num_requests_waiting", "Number of requests waiting to be processed.",
                metrics.waiting());
        gauge(text, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.",
                Math.min(1.0, (double) metrics.kvCacheTokensUsed() / kvCacheTokens));
        if (loraEnabled) {
            loraInfo(text);
        }
        counter(text, "vllm:prompt_tokens", "Number of prefill tokens processed.", metrics.promptTokens());
        counter(text, "vllm:generation_tokens", "Number of generation tokens processed.",
                metrics.generationTokens());
        histogram(text, "vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.",
                metrics.timeToFirstToken());
        histogram(text, "vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.",
                metrics.endToEnd());
        histogram(text, "vllm:request_queue_time_seconds",
                "Histogram of time spent in WAITING phase for request.", metrics.queueTime());
        response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8").end(text.toString());
    }

    private void loraInfo(StringBuilder text) {
        header(text, "vllm:lora_requests_info", "Running stats on lora requests.", "gauge");
        for (Map.Entry<LoraActivity, Double> series : metrics.loraSeries().entrySet()) {
            text.append("vllm:lora_requests_info{max_lora=\"").append(maxLoras)
                    .append("\",running_lora_adapters=\"").append(escape(series.getKey().running()))
                    .append("\",waiting_lora_adapters=\"").append(escape(series.getKey().waiting()))
                    .append("\"} ").append(number(series.getValue())).append('\n');
        }
    }

    private void gauge(StringBuilder text, String name, String help, double value) {
        header(text, name, help, "gauge");
        text.append(name).append('{').append(labels).append("} ").append(number(value)).append('\n');
    }

    private void counter(StringBuilder text, String name, String help, long value) {
        header(text, name, help, "counter");
        text.append(name).append("_total{").append(labels).append("} ").append(number(value)).append('\n');
    }

    private void histogram(StringBuilder text, String name, String help, Histogram histogram) {
        header(text, name, help, "histogram");
        long count = histogram.count();
        for (int bucket = 0; bucket < histogram.buckets(); bucket++) {
            bucket(text, name, number(histogram.upperBound(bucket)), histogram.cumulativeCount(bucket));
        }
        bucket(text, name, "+Inf", count);
        text.append(name).append("_count{").append(labels).append("} ").append(number(count)).append('\n');
        text.append(name).append("_sum{").append(labels).append("} ").append(number(histogram.sum())).append('\n');
    }

    private void bucket(StringBuilder text, String name, String upperBound, long count) {
        text.append(name).append("_bucket{").append(labels).append(",le=\"").append(upperBound).append("\"} ")
                .append(number(count)).append('\n');
    }

    private static void header(StringBuilder text, String name, String help, String type) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Plain decimals with a fraction, as prometheus_client prints floats, never in E notation. */
    private static String number(double value) {
        String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
