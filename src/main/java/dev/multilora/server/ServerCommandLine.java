package dev.multilora.server;

import dev.multilora.adapter.Adapter;
import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.engine.ServingEngine;
import dev.multilora.engine.ServingEngines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line the engine documents (see {@link ServingEngine#launchArguments}), built from the
 * config and the adapter catalog: {@code <command> <engine's arguments> [api key flag] <extra_args>}.
 */
public final class ServerCommandLine {
    /**
     * The keys that take effect only by being on the command line of a server this tool starts:
     * against an external server they are the config's wishes, not the server's settings.
     */
    public static final List<Setting> LAUNCH_SETTINGS = List.of(Setting.TENSOR_PARALLEL_SIZE, Setting.GPU_MEMORY_UTILIZATION,
            Setting.MAX_MODEL_LEN, Setting.ADAPTERS_DIR, Setting.MAX_LORAS, Setting.MAX_LORA_RANK, Setting.MAX_CPU_LORAS,
            Setting.SERVER_MAX_NUM_SEQS, Setting.SERVER_COMMAND, Setting.SERVER_EXTRA_ARGS, Setting.SERVER_ENV);

    public ServerLaunch build(EffectiveConfig config, AdapterCatalog catalog) {
        ServingEngine engine = ServingEngines.checked(config);
        String host = config.string(Setting.SERVER_HOST);
        int port = config.integer(Setting.SERVER_PORT);
        List<String> argv = new ArrayList<>(command(config, engine));
        argv.addAll(engine.launchArguments(config, catalog, host, port));
        Map<String, String> environment = new LinkedHashMap<>(config.map(Setting.SERVER_ENV));
        ServingEngine.ApiKeyPassing keyPassing = engine.apiKeyPassing();
        String key = config.optionalString(Setting.SERVER_API_KEY).orElse(null);
        String secret = null;
        if (key != null && keyPassing.environmentVariable() != null) {
            environment.put(keyPassing.environmentVariable(), key);
        } else if (key != null && keyPassing.flag() != null) {
            // SGLang takes its key only as a flag: visible in the process list, redacted wherever this tool writes it
            argv.add(keyPassing.flag());
            argv.add(key);
            secret = key;
        }
        argv.addAll(config.list(Setting.SERVER_EXTRA_ARGS));
        Map<String, String> adapters = new LinkedHashMap<>();
        catalog.adapters().forEach(a -> adapters.put(a.name(), a.path().toString()));
        String baseUrl = "http://" + host + ":" + port;
        Duration timeout = Duration.ofMillis(Math.round(config.decimal(Setting.SERVER_STARTUP_TIMEOUT_S) * 1000));
        return new ServerLaunch(argv, environment, host, port, baseUrl, adapters, timeout, secret, engine,
                config.string(Setting.MODEL_NAME));
    }

    /** The catalog as the managed server registers it: each adapter under lora.copies names when above 1. */
    public AdapterCatalog registered(AdapterCatalog catalog, int copies) {
        if (copies == 1) {
            return catalog;
        }
        List<Adapter> named = new ArrayList<>();
        for (Adapter adapter : catalog.adapters()) {
            for (int copy = 1; copy <= copies; copy++) {
                named.add(new Adapter(adapter.name() + "-" + copy, adapter.path(), adapter.rank()));
            }
        }
        return new AdapterCatalog(named, catalog.excluded());
    }

    /** A relative program path (bin/vllm-sim) is the config folder's; a bare name (vllm) is looked up on PATH. */
    private static List<String> command(EffectiveConfig config, ServingEngine engine) {
        List<String> command = new ArrayList<>(config.value(Setting.SERVER_COMMAND) == null ? engine.defaultCommand()
                : config.list(Setting.SERVER_COMMAND));
        String program = command.get(0);
        if (program.contains("/") && !Path.of(program).isAbsolute()) {
            command.set(0, config.source().getParent().resolve(program).normalize().toString());
        }
        return command;
    }

}
