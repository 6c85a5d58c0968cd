package dev.multilora.server.metrics;

import dev.multilora.engine.MetricNames;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one scrape of a server's /metrics says about it: its queue, its KV cache, which adapters are
 * running and waiting (vLLM only tells), and its token counters, under its engine's metric names.
 * Series are summed over engines and model names.
 *
 * @param kvCacheUsage   0..1, from vllm:kv_cache_usage_perc (or the older vllm:gpu_cache_usage_perc) or the engine's equivalent; null if none
 * @param runningAdapters comma-joined, as vLLM reports them; null without LoRA metrics
 * @param waitingAdapters comma-joined; null without LoRA metrics
 * @param maxLora         the server's --max-loras, from vllm:lora_requests_info's max_lora label; null without it
 */
public record ServerState(Double running, Double waiting, Double kvCacheUsage, String runningAdapters,
                          String waitingAdapters, Double promptTokens, Double generationTokens, Integer maxLora) {

    public static ServerState of(List<PrometheusText.Sample> samples, MetricNames names) {
        Optional<PrometheusText.Sample> lora = newestLoraSeries(samples, names.loraInfo());
        Double kvCache = sum(samples, names.kvCacheUsage());
        return new ServerState(
                sum(samples, names.running()),
                sum(samples, names.waiting()),
                kvCache != null ? kvCache : sum(samples, names.olderKvCacheUsage()),
                lora.map(s -> s.labels().getOrDefault("running_lora_adapters", "")).orElse(null),
                lora.map(s -> s.labels().getOrDefault("waiting_lora_adapters", "")).orElse(null),
                sum(samples, names.promptTokens()),
                sum(samples, names.generationTokens()),
                lora.map(s -> s.labels().get("max_lora")).filter(v -> v.matches("\\d+")).map(Integer::valueOf).orElse(null));
    }

    /**
     * A fleet's servers as one: queues and token counters summed, the KV cache's mean use, the
     * adapters running or waiting anywhere, and --max-loras when every server says the same.
     */
    public static ServerState fleet(List<ServerState> servers) {
        if (servers.size() == 1) {
            return servers.get(0);
        }
        List<Integer> maxLoras = servers.stream().map(ServerState::maxLora).distinct().toList();
        return new ServerState(
                total(servers, ServerState::running),
                total(servers, ServerState::waiting),
                servers.stream().map(ServerState::kvCacheUsage).allMatch(Objects::nonNull)
                        ? servers.stream().mapToDouble(ServerState::kvCacheUsage).average().orElseThrow() : null,
                adapters(servers, ServerState::runningAdapters),
                adapters(servers, ServerState::waitingAdapters),
                total(servers, ServerState::promptTokens),
                total(servers, ServerState::generationTokens),
                maxLoras.size() == 1 ? maxLoras.get(0) : null);
    }

    /** Null unless every server tells it: a sum over part of the fleet would read as a drop. */
    private static Double total(List<ServerState> servers, Function<ServerState, Double> figure) {
        return servers.stream().map(figure).allMatch(Objects::nonNull)
                ? servers.stream().map(figure).mapToDouble(Double::doubleValue).sum() : null;
    }

    private static String adapters(List<ServerState> servers, Function<ServerState, String> names) {
        if (servers.stream().map(names).allMatch(Objects::isNull)) {
            return null;
        }
        return servers.stream().map(names).filter(Objects::nonNull)
                .flatMap(joined -> Arrays.stream(joined.split(","))).filter(name -> !name.isEmpty())
                .distinct().collect(Collectors.joining(","));
    }

    /** True when the text held none of the engine's scheduler metrics: something answered, but not that engine. */
    public boolean isEmpty() {
        return running == null && waiting == null && kvCacheUsage == null && promptTokens == null;
    }

    /**
     * vllm:lora_requests_info's value is the time its labels were last set, and every combination
     * of labels it ever had stays exposed: the newest series is the current state.
     */
    private static Optional<PrometheusText.Sample> newestLoraSeries(List<PrometheusText.Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name))
                .max(Comparator.comparingDouble(PrometheusText.Sample::value));
    }

    private static Double sum(List<PrometheusText.Sample> samples, String name) {
        if (name == null) {
            return null;
        }
        List<PrometheusText.Sample> series = samples.stream().filter(s -> s.name().equals(name)).toList();
        return series.isEmpty() ? null : series.stream().mapToDouble(PrometheusText.Sample::value).sum();
    }
}
