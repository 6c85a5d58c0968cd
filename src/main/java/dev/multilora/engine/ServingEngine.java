package dev.multilora.engine;

import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.adapter.AdapterScanner;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this tool must know about one serving engine to benchmark its adapters truly: how a request
 * selects an adapter, how the engine is launched with LoRA, how it says it is ready, where it lists
 * the adapters it serves, what its metrics are called. One class per engine, beside the others;
 * docs/engines.md says what each relies on, with sources.
 */
public interface ServingEngine {

    /** The value of server.engine. */
    String name();

    /** The engine as people call it, for messages. */
    String displayName();

    /** server.command when the config leaves it unset. */
    List<String> defaultCommand();

    /** lora.adapters_dir's adapters in the form the engine loads: by default PEFT folders, checked against max_lora_rank. */
    default AdapterCatalog scanAdapters(Path adaptersDir, int maxLoraRank) {
        return new AdapterScanner().scan(adaptersDir, maxLoraRank);
    }

    /**
     * The config keys this engine has no equivalent for, with why; a run that sets one of them
     * away from its default is refused rather than measured under settings the server never had.
     */
    Map<Setting, String> unsupported();

    /** The arguments after server.command and before server.extra_args; never the API key. */
    List<String> launchArguments(EffectiveConfig config, AdapterCatalog catalog, String host, int port);

    /** How a managed server of this engine is given server.api_key: a variable of its environment, or its flag. */
    ApiKeyPassing apiKeyPassing();

    /**
     * Puts the adapter (or the base model) into a request body: the field the engine reads, so that
     * no request silently runs the base model.
     *
     * @param adapter the adapter's name, or the base model's
     */
    void selectAdapter(Map<String, Object> body, String adapter, ServedAdapters served);

    /** The body field that makes the engine generate exactly max_tokens; empty when it has none. */
    default Optional<String> ignoreEosField() {
        return Optional.of("ignore_eos");
    }

    /** What a /health answer other than 200 means for this engine. */
    Readiness readiness(int status);

    /** Where the engine lists the adapters it serves. */
    AdapterListing listing();

    /** The names of the engine's Prometheus metrics this tool reads. */
    MetricNames metricNames();

    /** Where the engine tells its version: a GET path and the JSON field; empty when it does not. */
    Optional<VersionSource> versionSource();

    /**
     * True for an engine that closes the connection after each streamed response while its headers
     * advertise keep-alive: requests then ask for a fresh connection each, never reusing a dead one.
     */
    default boolean closesConnectionAfterStream() {
        return false;
    }

    /** Whether the engine's /metrics asks for the API key like its other endpoints (vLLM's does not). */
    default boolean metricsNeedApiKey() {
        return false;
    }

    /** Sampling fields the engine refuses in the values this tool sends by default, left out instead. */
    default void dropRefusedSampling(Map<String, Object> body) {
    }

    /** What the engine's /health answered, other than 200. */
    enum Readiness { LOADING, DEAD }

    /** How the served adapters can be read back from the server. */
    enum AdapterListing {
        /** GET /v1/models, adapters being the cards with a parent (vLLM, newer SGLang). */
        MODEL_CARDS,
        /** GET /lora-adapters: [{id, path, scale}], adapters selected by id (llama.cpp). */
        LORA_ADAPTER_IDS,
        /** Nowhere: the launch list is all there is (TGI, LoRAX). */
        NONE
    }

    /** A managed server's API key: in this environment variable, or after this flag. */
    record ApiKeyPassing(String environmentVariable, String flag) {
        static ApiKeyPassing variable(String name) {
            return new ApiKeyPassing(name, null);
        }

        static ApiKeyPassing flag(String flag) {
            return new ApiKeyPassing(null, flag);
        }

        static ApiKeyPassing none() {
            return new ApiKeyPassing(null, null);
        }
    }

    /** GET path and the JSON field (dotted for nesting) holding the version. */
    record VersionSource(String path, String field) {
    }
}
