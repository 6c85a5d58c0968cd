package dev.multilora.engine;

import dev.multilora.adapter.Adapter;
import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.adapter.AdapterScanner;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LoRAX (`lorax-launcher`, a TGI fork that loads adapters on demand): "model" is the adapter's id,
 * here its local path with "adapter_source": "local", and "" the base model; adapters are preloaded
 * at launch (--preloaded-adapter-ids) so the first request of each is not a download. Up to
 * --max-active-adapters are on the GPU at once. It takes ignore_eos_token, not ignore_eos.
 */
final class LoraxEngine implements ServingEngine {
    static final MetricNames METRICS = new MetricNames(null, null, null, null, null, null, null);

    @Override
    public String name() {
        return "lorax";
    }

    @Override
    public String displayName() {
        return "LoRAX";
    }

    @Override
    public List<String> defaultCommand() {
        return List.of("lorax-launcher");
    }

    @Override
    public Map<Setting, String> unsupported() {
        Map<Setting, String> unsupported = new java.util.LinkedHashMap<>(TgiEngine.notInTgiOrLorax(true));
        unsupported.put(Setting.LORA_COPIES, "LoRAX names an adapter by its path: one adapter cannot be served under several names");
        return unsupported;
    }

    @Override
    public List<String> launchArguments(EffectiveConfig config, AdapterCatalog catalog, String host, int port) {
        LaunchFlags flags = TgiEngine.tgiStyleFlags(config, host, port)
                .flag("--max-active-adapters", config.integer(Setting.MAX_LORAS));
        for (Adapter adapter : catalog.adapters()) {
            flags.flag("--preloaded-adapter-ids", adapter.path());
        }
        if (!catalog.adapters().isEmpty()) {
            flags.flag("--preloaded-adapter-source", "local");
        }
        return flags.build();
    }

    /** LoRAX takes adapters of any rank: none is excluded for its rank. */
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
        if (served.isBase(adapter)) {
            body.put("model", "");
            return;
        }
        body.put("model", served.paths().getOrDefault(adapter, adapter));
        body.put("adapter_source", "local");
    }

    @Override
    public Optional<String> ignoreEosField() {
        return Optional.of("ignore_eos_token");
    }

    /** Its completions validate temperature > 0 (its chat maps 0 to greedy); without it, LoRAX samples greedily. */
    @Override
    public void dropRefusedSampling(Map<String, Object> body) {
        TgiEngine.dropNeutral(body);
        if (body.get("temperature") instanceof Double temperature && temperature == 0.0) {
            body.remove("temperature");
        }
    }

    @Override
    public Readiness readiness(int status) {
        return status >= 500 ? Readiness.DEAD : Readiness.LOADING;
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
