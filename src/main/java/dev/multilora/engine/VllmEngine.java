package dev.multilora.engine;

import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * vLLM's OpenAI server: `vllm serve MODEL --enable-lora --lora-modules name=path ...`; an adapter
 * is chosen by its name in "model" (vLLM has no lora_request body field and would silently run the
 * base model); adapters are /v1/models cards with a parent; the port refuses connections while the
 * model loads and /health answers 503 only when the engine is dead.
 */
final class VllmEngine implements ServingEngine {
    static final MetricNames METRICS = new MetricNames("vllm:num_requests_running", "vllm:num_requests_waiting",
            "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "vllm:prompt_tokens_total", "vllm:generation_tokens_total",
            "vllm:lora_requests_info");

    @Override
    public String name() {
        return "vllm";
    }

    @Override
    public String displayName() {
        return "vLLM";
    }

    @Override
    public List<String> defaultCommand() {
        return List.of("vllm", "serve");
    }

    @Override
    public Map<Setting, String> unsupported() {
        return Map.of();
    }

    @Override
    public List<String> launchArguments(EffectiveConfig config, AdapterCatalog catalog, String host, int port) {
        LaunchFlags flags = new LaunchFlags().values(List.of(config.string(Setting.MODEL_NAME)))
                .flag("--host", host).flag("--port", port)
                .flag("--tensor-parallel-size", config.integer(Setting.TENSOR_PARALLEL_SIZE))
                .flag("--gpu-memory-utilization", config.decimal(Setting.GPU_MEMORY_UTILIZATION));
        config.optionalInteger(Setting.MAX_MODEL_LEN).ifPresent(len -> flags.flag("--max-model-len", len));
        config.optionalInteger(Setting.SERVER_MAX_NUM_SEQS).ifPresent(seqs -> flags.flag("--max-num-seqs", seqs));
        flags.flag("--enable-lora").flag("--max-loras", config.integer(Setting.MAX_LORAS))
                .flag("--max-lora-rank", config.integer(Setting.MAX_LORA_RANK))
                .flag("--max-cpu-loras", config.maxCpuLoras());
        if (!catalog.adapters().isEmpty()) {
            flags.flag("--lora-modules").values(catalog.adapters().stream().map(a -> a.name() + "=" + a.path()).toList());
        }
        return flags.build();
    }

    @Override
    public ApiKeyPassing apiKeyPassing() {
        return ApiKeyPassing.variable("VLLM_API_KEY");
    }

    @Override
    public void selectAdapter(Map<String, Object> body, String adapter, ServedAdapters served) {
        body.put("model", adapter);
    }

    @Override
    public Readiness readiness(int status) {
        return status == 503 ? Readiness.DEAD : Readiness.LOADING;
    }

    @Override
    public AdapterListing listing() {
        return AdapterListing.MODEL_CARDS;
    }

    @Override
    public MetricNames metricNames() {
        return METRICS;
    }

    @Override
    public Optional<VersionSource> versionSource() {
        return Optional.of(new VersionSource("/version", "version"));
    }
}
