package dev.multilora.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.engine.MetricNames;
import dev.multilora.engine.ServingEngines;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerStateTest {
    private static final MetricNames VLLM = ServingEngines.named("vllm").metricNames();

    /** As vLLM v1's PrometheusStatLogger writes it (0.10/0.11), trimmed to a few histogram buckets. */
    private static final String V1_METRICS = """
            # HELP python_gc_objects_collected_total Objects collected during gc
            # TYPE python_gc_objects_collected_total counter
            python_gc_objects_collected_total{generation="0"} 12345.0
            # HELP vllm:num_requests_running Number of requests in model execution batches.
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 3.0
            # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
            # TYPE vllm:num_requests_waiting gauge
            vllm:num_requests_waiting{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 5.0
            # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
            # TYPE vllm:kv_cache_usage_perc gauge
            vllm:kv_cache_usage_perc{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.4375
            # HELP vllm:lora_requests_info Running stats on lora requests.
            # TYPE vllm:lora_requests_info gauge
            vllm:lora_requests_info{max_lora="2",running_lora_adapters="",waiting_lora_adapters=""} 1.7612345e+09
            vllm:lora_requests_info{max_lora="2",running_lora_adapters="sql-lora,math-lora",waiting_lora_adapters="code-lora"} 1.761234598e+09
            vllm:lora_requests_info{max_lora="2",running_lora_adapters="sql-lora",waiting_lora_adapters=""} 1.76123456e+09
            # HELP vllm:prompt_tokens_total Number of prefill tokens processed.
            # TYPE vllm:prompt_tokens_total counter
            vllm:prompt_tokens_total{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 18432.0
            # HELP vllm:generation_tokens_total Number of generation tokens processed.
            # TYPE vllm:generation_tokens_total counter
            vllm:generation_tokens_total{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 7680.0
            # HELP vllm:request_success_total Count of successfully processed requests.
            # TYPE vllm:request_success_total counter
            vllm:request_success_total{engine="0",finished_reason="length",model_name="meta-llama/Llama-3.1-8B-Instruct"} 60.0
            # HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.
            # TYPE vllm:time_to_first_token_seconds histogram
            vllm:time_to_first_token_seconds_bucket{engine="0",le="0.001",model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.0
            vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="meta-llama/Llama-3.1-8B-Instruct"} 60.0
            vllm:time_to_first_token_seconds_count{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 60.0
            vllm:time_to_first_token_seconds_sum{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 4.52
            """;

    /** vLLM v0 (0.6-0.8): the older cache metric name, no engine label. */
    private static final String V0_METRICS = """
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{model_name="base"} 1.0
            # TYPE vllm:num_requests_waiting gauge
            vllm:num_requests_waiting{model_name="base"} 0.0
            # TYPE vllm:gpu_cache_usage_perc gauge
            vllm:gpu_cache_usage_perc{model_name="base"} 0.125
            # TYPE vllm:prompt_tokens_total counter
            vllm:prompt_tokens_total{model_name="base"} 10.0
            # TYPE vllm:generation_tokens_total counter
            vllm:generation_tokens_total{model_name="base"} 20.0
            """;

    @Test
    void readsTheSchedulerCacheAndTokenFiguresOfVllmV1() {
        ServerState state = ServerState.of(PrometheusText.parse(V1_METRICS), VLLM);

        assertEquals(3.0, state.running());
        assertEquals(5.0, state.waiting());
        assertEquals(0.4375, state.kvCacheUsage());
        assertEquals(18432.0, state.promptTokens());
        assertEquals(7680.0, state.generationTokens());
    }

    @Test
    void theNewestLoraSeriesIsTheCurrentOne() {
        ServerState state = ServerState.of(PrometheusText.parse(V1_METRICS), VLLM);

        assertEquals("sql-lora,math-lora", state.runningAdapters());
        assertEquals("code-lora", state.waitingAdapters());
    }

    @Test
    void theOlderCacheMetricNameIsReadToo() {
        ServerState state = ServerState.of(PrometheusText.parse(V0_METRICS), VLLM);

        assertEquals(0.125, state.kvCacheUsage());
        assertNull(state.runningAdapters(), "no LoRA metrics: not the same as no adapter running");
        assertEquals(20.0, state.generationTokens());
    }

    @Test
    void labelsKeepCommasBracesAndEscapedQuotesInsideTheirQuotes() {
        List<PrometheusText.Sample> samples = PrometheusText.parse(
                "vllm:lora_requests_info{max_lora=\"4\",running_lora_adapters=\"a,b}c,\\\"d\\\"\",waiting_lora_adapters=\"\"} 17.5 1700000000000\n");

        assertEquals(1, samples.size());
        assertEquals(Map.of("max_lora", "4", "running_lora_adapters", "a,b}c,\"d\"", "waiting_lora_adapters", ""),
                samples.get(0).labels());
        assertEquals(17.5, samples.get(0).value(), "the optional timestamp is not the value");
    }

    @Test
    void commentsHistogramsAndBrokenLinesDoNotDisturbTheRest() {
        List<PrometheusText.Sample> samples = PrometheusText.parse(V1_METRICS + "vllm:broken{model_name=\"x\" 1.0\nno_value_here\n");

        assertTrue(samples.stream().noneMatch(s -> s.name().startsWith("#") || s.name().equals("vllm:broken")));
        assertTrue(samples.stream().anyMatch(s -> s.name().equals("vllm:time_to_first_token_seconds_bucket")
                && "+Inf".equals(s.labels().get("le"))));
        assertEquals("meta-llama/Llama-3.1-8B-Instruct", samples.stream().filter(s -> s.name().equals("vllm:num_requests_running"))
                .findFirst().orElseThrow().labels().get("model_name"));
    }

    @Test
    void textWithoutVllmMetricsIsEmpty() {
        assertTrue(ServerState.of(PrometheusText.parse("# HELP up\nup 1\n"), VLLM).isEmpty());
    }

    @Test
    void aFleetIsItsServersSummedWithTheMeanKvCacheAndEveryAdapterInUse() {
        ServerState first = new ServerState(3.0, 1.0, 0.5, "sql-lora,math-lora", "", 100.0, 40.0, 2);
        ServerState second = new ServerState(2.0, 0.0, 0.25, "math-lora,code-lora", "chat-lora", 50.0, 10.0, 2);

        ServerState fleet = ServerState.fleet(List.of(first, second));

        assertEquals(new ServerState(5.0, 1.0, 0.375, "sql-lora,math-lora,code-lora", "chat-lora", 150.0, 50.0, 2), fleet);
        assertEquals(first, ServerState.fleet(List.of(first)), "one server is itself");
    }

    @Test
    void aFigureOnlySomeServersTellIsNotSummedOverPartOfTheFleet() {
        ServerState told = new ServerState(3.0, 1.0, 0.5, null, null, 100.0, 40.0, 2);
        ServerState untold = new ServerState(2.0, null, null, null, null, 50.0, 10.0, 4);

        ServerState fleet = ServerState.fleet(List.of(told, untold));

        assertEquals(5.0, fleet.running());
        assertNull(fleet.waiting());
        assertNull(fleet.kvCacheUsage());
        assertNull(fleet.runningAdapters(), "no server has LoRA metrics");
        assertNull(fleet.maxLora(), "the servers differ");
    }
}
