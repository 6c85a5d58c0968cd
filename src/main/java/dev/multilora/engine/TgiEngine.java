package dev.multilora.engine;

import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.adapter.AdapterScanner;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import java.util.LinkedHashMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hugging Face TGI (`text-generation-launcher --lora-adapters id=path,...`): "model" is the adapter
 * id and "tgi" the base model; an id it does not serve silently runs the base model, and it lists
 * no adapters anywhere, so the launch list is the only truth. It has no ignore_eos and no
 * min_tokens, and validates top_k > 0 and top_p < 1: those are left out at their neutral values.
 */
final class TgiEngine implements ServingEngine {
    static final String BASE_MODEL = "tgi";
    static final MetricNames METRICS = new MetricNames("tgi_batch_current_size", "tgi_queue_size", null, null, null, null, null);

    @Override
    public String name() {
        return "tgi";
    }

    @Override
    public String displayName() {
        return "TGI";
    }

    @Override
    public List<String> defaultCommand() {
        return List.of("text-generation-launcher");
    }

    @Override
    public Map<Setting, String> unsupported() {
        return notInTgiOrLorax(false);
    }

    static Map<Setting, String> notInTgiOrLorax(boolean lorax) {
        Map<Setting, String> unsupported = new LinkedHashMap<>();
        String engine = lorax ? "LoRAX" : "TGI";
        unsupported.put(Setting.GPU_MEMORY_UTILIZATION, engine + "'s --cuda-memory-fraction is not the same budget: pass it in server.extra_args");
        if (!lorax) {
            unsupported.put(Setting.MAX_LORAS, "TGI keeps every --lora-adapters adapter resident");
        }
        unsupported.put(Setting.MAX_CPU_LORAS, engine + " has no adapter cache size");
        unsupported.put(Setting.MAX_LORA_RANK, engine + " takes adapters of any rank");
        unsupported.put(Setting.MIN_TOKENS, engine + " has no min_tokens");
        if (!lorax) {
            unsupported.put(Setting.IGNORE_EOS, "TGI's OpenAI endpoints have no ignore_eos");
        }
        return unsupported;
    }

    @Override
    public List<String> launchArguments(EffectiveConfig config, AdapterCatalog catalog, String host, int port) {
        return tgiStyleFlags(config, host, port)
                .values(catalog.adapters().isEmpty() ? List.of() : List.of("--lora-adapters",
                        String.join(",", catalog.adapters().stream().map(a -> a.name() + "=" + a.path()).toList())))
                .build();
    }

    static LaunchFlags tgiStyleFlags(EffectiveConfig config, String host, int port) {
        LaunchFlags flags = new LaunchFlags().flag("--model-id", config.string(Setting.MODEL_NAME))
                .flag("--hostname", host).flag("--port", port);
        if (config.integer(Setting.TENSOR_PARALLEL_SIZE) > 1) {
            flags.flag("--num-shard", config.integer(Setting.TENSOR_PARALLEL_SIZE));
        }
        config.optionalInteger(Setting.MAX_MODEL_LEN).ifPresent(len -> flags.flag("--max-total-tokens", len));
        config.optionalInteger(Setting.SERVER_MAX_NUM_SEQS).ifPresent(seqs -> flags.flag("--max-concurrent-requests", seqs));
        return flags;
    }

    /** TGI takes adapters of any rank: none is excluded for its rank. */
    @Override
    public AdapterCatalog scanAdapters(Path adaptersDir, int maxLoraRank) {
        return new AdapterScanner().scan(adaptersDir, Integer.MAX_VALUE);
    }

    @Override
    public ApiKeyPassing apiKeyPassing() {
        return ApiKeyPassing.none();
    }

    @Override
    public void selectAdapter(Map<String, Object> body, String adapter, ServedAdapters served) {
        body.put("model", served.isBase(adapter) ? BASE_MODEL : adapter);
    }

    @Override
    public Optional<String> ignoreEosField() {
        return Optional.empty();
    }

    @Override
    public void dropRefusedSampling(Map<String, Object> body) {
        dropNeutral(body);
    }

    /** top_k <= 0 and top_p = 1 mean "no filtering", which TGI's validation refuses to be told. */
    static void dropNeutral(Map<String, Object> body) {
        if (body.get("top_k") instanceof Integer topK && topK <= 0) {
            body.remove("top_k");
        }
        if (body.get("top_p") instanceof Double topP && topP >= 1.0) {
            body.remove("top_p");
        }
    }

    /** The router starts only once the shards are up: a 503 afterwards is a failed health check. */
    @Override
    public Readiness readiness(int status) {
        return status == 503 ? Readiness.DEAD : Readiness.LOADING;
    }

    @Override
    public AdapterListing listing() {
        return AdapterListing.NONE;
    }

    @Override
    public MetricNames metricNames() {
        return METRICS;
    }

    @Override
    public Optional<VersionSource> versionSource() {
        return Optional.of(new VersionSource("/info", "version"));
    }
}
