package dev.multilora.server;

import dev.multilora.adapter.Adapter;
import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line vLLM documents, built from the config and the adapter catalog:
 * {@code <command> <model> --host --port --tensor-parallel-size --gpu-memory-utilization
 * [--max-model-len] --enable-lora --max-loras --max-lora-rank --max-cpu-loras --lora-modules
 * name=/abs/path ... <extra_args>}. Never --disable-log-requests, which newer vLLM rejects.
 */
public final class ServerCommandLine {
    /**
     * The keys that take effect only by being on the command line of a server this tool starts:
     * against an external server they are the config's wishes, not the server's settings.
     */
    public static final List<Setting> LAUNCH_SETTINGS = List.of(Setting.TENSOR_PARALLEL_SIZE, Setting.GPU_MEMORY_UTILIZATION,
            Setting.MAX_MODEL_LEN, Setting.ADAPTERS_DIR, Setting.MAX_LORAS, Setting.MAX_LORA_RANK, Setting.MAX_CPU_LORAS,
            Setting.SERVER_COMMAND, Setting.SERVER_EXTRA_ARGS, Setting.SERVER_ENV);

    static final String API_KEY_VARIABLE = "VLLM_API_KEY";

    public ServerLaunch build(EffectiveConfig config, AdapterCatalog catalog) {
        List<String> argv = new ArrayList<>(command(config));
        argv.add(config.string(Setting.MODEL_NAME));
        String host = config.string(Setting.SERVER_HOST);
        int port = config.integer(Setting.SERVER_PORT);
        add(argv, "--host", host);
        add(argv, "--port", Integer.toString(port));
        add(argv, "--tensor-parallel-size", Integer.toString(config.integer(Setting.TENSOR_PARALLEL_SIZE)));
        add(argv, "--gpu-memory-utilization", Double.toString(config.decimal(Setting.GPU_MEMORY_UTILIZATION)));
        config.optionalInteger(Setting.MAX_MODEL_LEN).ifPresent(len -> add(argv, "--max-model-len", len.toString()));
        argv.add("--enable-lora");
        add(argv, "--max-loras", Integer.toString(config.integer(Setting.MAX_LORAS)));
        add(argv, "--max-lora-rank", Integer.toString(config.integer(Setting.MAX_LORA_RANK)));
        add(argv, "--max-cpu-loras", Integer.toString(config.maxCpuLoras()));
        Map<String, String> adapters = new LinkedHashMap<>();
        catalog.adapters().forEach(a -> adapters.put(a.name(), a.path().toString()));
        if (!adapters.isEmpty()) {
            argv.add("--lora-modules");
            adapters.forEach((name, path) -> argv.add(name + "=" + path));
        }
        argv.addAll(config.list(Setting.SERVER_EXTRA_ARGS));
        Map<String, String> environment = new LinkedHashMap<>(config.map(Setting.SERVER_ENV));
        config.optionalString(Setting.SERVER_API_KEY).ifPresent(key -> environment.put(API_KEY_VARIABLE, key));
        String baseUrl = "http://" + host + ":" + port;
        Duration timeout = Duration.ofMillis(Math.round(config.decimal(Setting.SERVER_STARTUP_TIMEOUT_S) * 1000));
        return new ServerLaunch(argv, environment, host, port, baseUrl, adapters, timeout);
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
    private static List<String> command(EffectiveConfig config) {
        List<String> command = new ArrayList<>(config.list(Setting.SERVER_COMMAND));
        String program = command.get(0);
        if (program.contains("/") && !Path.of(program).isAbsolute()) {
            command.set(0, config.source().getParent().resolve(program).normalize().toString());
        }
        return command;
    }

    private static void add(List<String> argv, String flag, String value) {
        argv.add(flag);
        argv.add(value);
    }
}
