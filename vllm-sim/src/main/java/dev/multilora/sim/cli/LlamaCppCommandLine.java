package dev.multilora.sim.cli;

import dev.multilora.sim.engine.Batching;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns llama-server's own flags into a {@link ServeConfig}, refusing what llama-server refuses:
 * an unknown argument ends start-up with "error: invalid argument: FLAG" and exit status 1
 * (common/arg.cpp). Values always follow their flag as the next argument.
 */
public final class LlamaCppCommandLine {

    /** The stand-in's model has Llama-2-7B's trained context, as the vLLM dialect's default --max-model-len. */
    static final int TRAINED_CONTEXT = 4096;
    /** "n_parallel is set to auto, using n_parallel = 4 and kv_unified = true" (tools/server/server.cpp). */
    static final int AUTO_SLOTS = 4;
    static final int DEFAULT_PORT = 8080;

    /** llama-server flags with a value that the stand-in accepts and ignores. */
    private static final Set<String> IGNORED_WITH_VALUE = Set.of("-ngl", "--gpu-layers", "--n-gpu-layers",
            "-t", "--threads", "-fa", "--flash-attn", "-to", "--timeout", "-b", "--batch-size", "-ub",
            "--ubatch-size", "--sse-ping-interval");
    /** llama-server switches that the stand-in accepts and ignores. */
    private static final Set<String> IGNORED_SWITCHES = Set.of("--no-webui", "--slots", "--no-slots", "--props",
            "-kvu", "--kv-unified", "-cb", "--cont-batching", "--jinja", "--no-mmap");

    private LlamaCppCommandLine() {
    }

    private record LoraArg(String path, double scale) {
    }

    /** @param environment the process environment: LLAMA_API_KEY is --api-key's variable, as in llama-server */
    public static ServeConfig parse(List<String> args, Map<String, String> environment) throws StartupFailure {
        String model = null;
        String alias = null;
        List<LoraArg> loras = new ArrayList<>();
        boolean initWithoutApply = false;
        int slots = -1;
        int contextSize = 0;
        String host = "127.0.0.1";
        int port = DEFAULT_PORT;
        boolean metrics = false;
        List<String> apiKeys = new ArrayList<>();
        int predict = -1;
        long seed = -1;
        List<String> simArgs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (SimOptions.isSimFlag(flag)) {
                simArgs.add(flag);
                if (!flag.contains("=") && i + 1 < args.size()) {
                    simArgs.add(args.get(++i));
                }
                continue;
            }
            if (flag.equals("--lora-init-without-apply")) {
                initWithoutApply = true;
                continue;
            }
            if (flag.equals("--metrics")) {
                metrics = true;
                continue;
            }
            if (IGNORED_SWITCHES.contains(flag)) {
                continue;
            }
            if (!isFlagWithValue(flag)) {
                throw StartupFailure.of("error: invalid argument: " + flag, 1);
            }
            if (i + 1 >= args.size()) {
                throw StartupFailure.of("error while handling argument \"" + flag + "\": expected value for argument", 1);
            }
            String value = args.get(++i);
            switch (flag) {
                case "-m", "--model" -> model = value;
                case "-a", "--alias" -> alias = value;
                case "--lora" -> {
                    for (String path : value.split(",")) {
                        loras.add(new LoraArg(path, 1.0));
                    }
                }
                case "--lora-scaled" -> {
                    for (String item : value.split(",")) {
                        int colon = item.lastIndexOf(':');
                        if (colon <= 0) {
                            throw StartupFailure.of("error while handling argument \"--lora-scaled\": "
                                    + "expected FNAME:SCALE, got '" + item + "'", 1);
                        }
                        loras.add(new LoraArg(item.substring(0, colon), number(flag, item.substring(colon + 1))));
                    }
                }
                case "-np", "--parallel" -> slots = integer(flag, value);
                case "-c", "--ctx-size" -> contextSize = integer(flag, value);
                case "--host" -> host = value;
                case "--port" -> port = integer(flag, value);
                case "--api-key" -> apiKeys.addAll(List.of(value.split(",")));
                case "-n", "--predict", "--n-predict" -> predict = integer(flag, value);
                case "-s", "--seed" -> seed = (long) number(flag, value);
                default -> {
                    // a flag llama-server knows and the stand-in ignores
                }
            }
        }
        SimOptions sim = SimOptions.parse(simArgs, message -> StartupFailure.of("error: " + message, 1));
        sim.validate();
        if (model == null) {
            throw StartupFailure.of("error: vllm-sim needs -m/--model (llama-server's router mode is not simulated)", 1);
        }
        if (slots == 0 || slots < -1) {
            throw StartupFailure.of("error while handling argument \"--parallel\": must be >= 1 or -1 (auto)", 1);
        }
        if (contextSize < 0 || port < 0 || port > 65535) {
            throw StartupFailure.of("error: invalid --ctx-size or --port", 1);
        }
        boolean unifiedKv = slots == -1;
        int slotCount = unifiedKv ? AUTO_SLOTS : slots;
        int totalContext = contextSize == 0 ? TRAINED_CONTEXT : contextSize;
        // each slot gets -c / -np unless the KV cache is unified; the trained context caps it
        int slotContext = Math.min(TRAINED_CONTEXT, unifiedKv ? totalContext : totalContext / slotCount);
        List<LoraModuleSpec> adapters = new ArrayList<>();
        List<Double> scales = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int id = 0; id < loras.size(); id++) {
            String name = stem(loras.get(id).path());
            if (!names.add(name)) {
                name = name + "-" + id;
                names.add(name);
            }
            adapters.add(new LoraModuleSpec(name, loras.get(id).path(), null));
            scales.add(initWithoutApply ? 0.0 : loras.get(id).scale());
        }
        String servedName = alias != null ? alias : model;
        int adapterSlots = Math.max(1, adapters.size());
        return new ServeConfig(
                model,
                List.of(servedName),
                host,
                port,
                !adapters.isEmpty(),
                List.copyOf(adapters),
                Integer.MAX_VALUE,
                slotContext,
                sim.engine(slotCount, adapterSlots, adapterSlots, Batching.LLAMACPP),
                apiKeys.isEmpty() && environment.get("LLAMA_API_KEY") != null
                        ? List.of(environment.get("LLAMA_API_KEY").split(",")) : List.copyOf(apiKeys),
                seed < 0 ? 0 : seed,
                false,
                sim.loadDelaySeconds,
                sim.eosProbability,
                List.of(),
                new DialectSettings.LlamaCpp(List.copyOf(scales), metrics, predict, slotCount, totalContext));
    }

    private static boolean isFlagWithValue(String flag) {
        return switch (flag) {
            case "-m", "--model", "-a", "--alias", "--lora", "--lora-scaled", "-np", "--parallel", "-c", "--ctx-size",
                    "--host", "--port", "--api-key", "-n", "--predict", "--n-predict", "-s", "--seed" -> true;
            default -> IGNORED_WITH_VALUE.contains(flag);
        };
    }

    /** An adapter is named by its file stem: /adapters/sql.gguf and /adapters/sql/ are both "sql". */
    static String stem(String path) {
        Path fileName = Path.of(path).getFileName();
        String name = fileName == null ? path : fileName.toString();
        return name.endsWith(".gguf") ? name.substring(0, name.length() - ".gguf".length()) : name;
    }

    private static int integer(String flag, String value) throws StartupFailure {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw StartupFailure.of("error while handling argument \"" + flag + "\": invalid value '" + value + "'", 1);
        }
    }

    private static double number(String flag, String value) throws StartupFailure {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw StartupFailure.of("error while handling argument \"" + flag + "\": invalid value '" + value + "'", 1);
        }
    }
}
