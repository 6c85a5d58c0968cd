package dev.multilora.engine;

import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.config.ConfigException;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SGLang's server (`python -m sglang.launch_server`): an adapter is chosen by "model": "BASE:ADAPTER"
 * (a bare adapter name would run the base model); its --max-loras-per-batch counts base-model
 * requests as one of its slots, so lora.max_loras adapters beside base requests need one more; it
 * loads every --lora-paths adapter at start, so its cache holds at least them; /health answers 503
 * while the server starts.
 */
final class SglangEngine implements ServingEngine {
    static final MetricNames METRICS = new MetricNames("sglang:num_running_reqs", "sglang:num_queue_reqs",
            "sglang:token_usage", null, "sglang:prompt_tokens_total", "sglang:generation_tokens_total", null);

    @Override
    public String name() {
        return "sglang";
    }

    @Override
    public String displayName() {
        return "SGLang";
    }

    @Override
    public List<String> defaultCommand() {
        return List.of("python3", "-m", "sglang.launch_server");
    }

    @Override
    public Map<Setting, String> unsupported() {
        return Map.of(Setting.GPU_MEMORY_UTILIZATION, "SGLang's --mem-fraction-static sizes its KV pool, not all its GPU memory: "
                + "pass it in server.extra_args");
    }

    @Override
    public List<String> launchArguments(EffectiveConfig config, AdapterCatalog catalog, String host, int port) {
        int maxLoras = config.integer(Setting.MAX_LORAS);
        int adapters = catalog.adapters().size();
        Integer cached = config.optionalInteger(Setting.MAX_CPU_LORAS).orElse(null);
        if (cached != null && cached < adapters) {
            throw new ConfigException(config.source() + ": SGLang loads every adapter of --lora-paths at start, so"
                    + " lora.max_cpu_loras (its --max-loaded-loras, " + cached + ") must be at least the number of adapters ("
                    + adapters + "); leave it unset to take that number");
        }
        LaunchFlags flags = new LaunchFlags().flag("--model-path", config.string(Setting.MODEL_NAME))
                .flag("--host", host).flag("--port", port)
                .flag("--tp-size", config.integer(Setting.TENSOR_PARALLEL_SIZE));
        config.optionalInteger(Setting.MAX_MODEL_LEN).ifPresent(len -> flags.flag("--context-length", len));
        config.optionalInteger(Setting.SERVER_MAX_NUM_SEQS).ifPresent(seqs -> flags.flag("--max-running-requests", seqs));
        flags.flag("--enable-lora")
                .flag("--max-loras-per-batch", maxLoras + 1)
                .flag("--max-loaded-loras", Math.max(cached != null ? cached : adapters, maxLoras + 1))
                .flag("--max-lora-rank", config.integer(Setting.MAX_LORA_RANK))
                .flag("--enable-metrics");
        if (!catalog.adapters().isEmpty()) {
            flags.flag("--lora-paths").values(catalog.adapters().stream().map(a -> a.name() + "=" + a.path()).toList());
        }
        return flags.build();
    }

    @Override
    public ApiKeyPassing apiKeyPassing() {
        return ApiKeyPassing.flag("--api-key");
    }

    @Override
    public void selectAdapter(Map<String, Object> body, String adapter, ServedAdapters served) {
        body.put("model", served.isBase(adapter) ? adapter : served.baseModel() + ":" + adapter);
    }

    @Override
    public Readiness readiness(int status) {
        return Readiness.LOADING;
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
        return Optional.of(new VersionSource("/get_server_info", "version"));
    }
}
