package dev.multilora.engine;

import dev.multilora.adapter.Adapter;
import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.adapter.AdapterScanner;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * llama.cpp's `llama-server`: GGUF adapters loaded at launch by --lora, numbered in command-line
 * order and listed by GET /lora-adapters. "model" is ignored; "lora": [{id, scale}] applies them,
 * an id left out gets scale 0, an unknown id is silently ignored, and a request without "lora"
 * runs with the launch scales. So every request names every adapter: its own at 1.0, the others
 * (all of them, for the base model) at 0.0. /health answers 503 while the model loads; the server
 * closes the connection after each streamed response.
 */
final class LlamaCppEngine implements ServingEngine {
    static final MetricNames METRICS = new MetricNames("llamacpp:requests_processing", "llamacpp:requests_deferred",
            null, null, "llamacpp:prompt_tokens_total", "llamacpp:tokens_predicted_total", null);

    @Override
    public String name() {
        return "llamacpp";
    }

    @Override
    public String displayName() {
        return "llama.cpp";
    }

    @Override
    public List<String> defaultCommand() {
        return List.of("llama-server");
    }

    /** llama.cpp loads adapters as .gguf files, of any rank. */
    @Override
    public AdapterCatalog scanAdapters(Path adaptersDir, int maxLoraRank) {
        return new AdapterScanner().scanGguf(adaptersDir);
    }

    @Override
    public Map<Setting, String> unsupported() {
        Map<Setting, String> unsupported = new LinkedHashMap<>();
        unsupported.put(Setting.TENSOR_PARALLEL_SIZE, "llama-server splits layers with --split-mode instead: pass it in server.extra_args");
        unsupported.put(Setting.GPU_MEMORY_UTILIZATION, "llama-server has no memory fraction (it offloads layers with -ngl)");
        unsupported.put(Setting.MAX_LORAS, "llama-server keeps every --lora adapter resident and batches only requests with the same adapters");
        unsupported.put(Setting.MAX_CPU_LORAS, "llama-server loads every adapter at launch and never evicts one");
        unsupported.put(Setting.MAX_LORA_RANK, "llama-server takes adapters of any rank");
        unsupported.put(Setting.MIN_TOKENS, "llama-server has no min_tokens");
        unsupported.put(Setting.LORA_COPIES, "llama-server numbers its adapters by file: one file loaded twice is not two adapters");
        return unsupported;
    }

    /** -c is the context of all slots together: each of -np slots gets max_model_len. */
    @Override
    public List<String> launchArguments(EffectiveConfig config, AdapterCatalog catalog, String host, int port) {
        LaunchFlags flags = new LaunchFlags().flag("-m", config.string(Setting.MODEL_NAME))
                .flag("--host", host).flag("--port", port);
        Optional<Integer> slots = config.optionalInteger(Setting.SERVER_MAX_NUM_SEQS);
        slots.ifPresent(n -> flags.flag("-np", n));
        config.optionalInteger(Setting.MAX_MODEL_LEN).ifPresent(len -> flags.flag("-c", len * slots.orElse(1)));
        for (Adapter adapter : catalog.adapters()) {
            flags.flag("--lora", adapter.path());
        }
        if (!catalog.adapters().isEmpty()) {
            flags.flag("--lora-init-without-apply");
        }
        return flags.flag("--metrics").build();
    }

    @Override
    public ApiKeyPassing apiKeyPassing() {
        return ApiKeyPassing.variable("LLAMA_API_KEY");
    }

    @Override
    public void selectAdapter(Map<String, Object> body, String adapter, ServedAdapters served) {
        body.put("model", adapter);
        List<LoraScale> scales = new ArrayList<>(served.ids().size());
        served.ids().forEach((name, id) -> scales.add(new LoraScale(id, name.equals(adapter) ? 1.0 : 0.0)));
        body.put("lora", scales);
    }

    /** One entry of a request's "lora" list, in llama.cpp's field order. */
    record LoraScale(int id, double scale) {
    }

    @Override
    public Readiness readiness(int status) {
        return Readiness.LOADING;
    }

    @Override
    public AdapterListing listing() {
        return AdapterListing.LORA_ADAPTER_IDS;
    }

    @Override
    public MetricNames metricNames() {
        return METRICS;
    }

    @Override
    public Optional<VersionSource> versionSource() {
        return Optional.of(new VersionSource("/props", "build_info"));
    }

    /** Only /health and /v1/models are public on llama-server; /metrics takes the key. */
    @Override
    public boolean metricsNeedApiKey() {
        return true;
    }

    @Override
    public boolean closesConnectionAfterStream() {
        return true;
    }
}
