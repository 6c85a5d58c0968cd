package dev.multilora.server.metrics;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one scrape of vLLM's /metrics says about the server: its queue, its KV cache, which adapters
 * are running and waiting, and its token counters. Series are summed over engines and model names.
 *
 * @param kvCacheUsage   0..1, from vllm:kv_cache_usage_perc or the older vllm:gpu_cache_usage_perc; null if neither
 * @param runningAdapters comma-joined, as vLLM reports them; null without LoRA metrics
 * @param waitingAdapters comma-joined; null without LoRA metrics
 * @param maxLora         the server's --max-loras, from vllm:lora_requests_info's max_lora label; null without it
 */
public record VllmServerState(Double running, Double waiting, Double kvCacheUsage, String runningAdapters,
                              String waitingAdapters, Double promptTokens, Double generationTokens, Integer maxLora) {

    public static VllmServerState of(List<PrometheusText.Sample> samples) {
        Optional<PrometheusText.Sample> lora = newestLoraSeries(samples);
        Double kvCache = sum(samples, "vllm:kv_cache_usage_perc");
        return new VllmServerState(
                sum(samples, "vllm:num_requests_running"),
                sum(samples, "vllm:num_requests_waiting"),
                kvCache != null ? kvCache : sum(samples, "vllm:gpu_cache_usage_perc"),
                lora.map(s -> s.labels().getOrDefault("running_lora_adapters", "")).orElse(null),
                lora.map(s -> s.labels().getOrDefault("waiting_lora_adapters", "")).orElse(null),
                sum(samples, "vllm:prompt_tokens_total"),
                sum(samples, "vllm:generation_tokens_total"),
                lora.map(s -> s.labels().get("max_lora")).filter(v -> v.matches("\\d+")).map(Integer::valueOf).orElse(null));
    }

    /** True when the text held none of vLLM's scheduler metrics: something answered, but not vLLM. */
    public boolean isEmpty() {
        return running == null && waiting == null && kvCacheUsage == null && promptTokens == null;
    }

    /**
     * vllm:lora_requests_info's value is the time its labels were last set, and every combination
     * of labels it ever had stays exposed: the newest series is the current state.
     */
    private static Optional<PrometheusText.Sample> newestLoraSeries(List<PrometheusText.Sample> samples) {
        return samples.stream().filter(s -> s.name().equals("vllm:lora_requests_info"))
                .max(Comparator.comparingDouble(PrometheusText.Sample::value));
    }

    private static Double sum(List<PrometheusText.Sample> samples, String name) {
        List<PrometheusText.Sample> series = samples.stream().filter(s -> s.name().equals(name)).toList();
        return series.isEmpty() ? null : series.stream().mapToDouble(PrometheusText.Sample::value).sum();
    }
}
