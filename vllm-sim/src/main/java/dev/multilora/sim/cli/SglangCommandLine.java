package dev.multilora.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.sim.engine.Batching;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns {@code python -m sglang.launch_server} flags into a {@link ServeConfig} the way argparse
 * reads them: {@code --flag value} or {@code --flag=value}, unique prefixes of a flag accepted
 * (argparse's allow_abbrev, which is why SGLang's tests can write --lora-path), the last
 * occurrence winning, and anything unknown refused with exit status 2.
 */
public final class SglangCommandLine {

    static final int DEFAULT_PORT = 30000;
    static final int DEFAULT_MAX_LORAS_PER_BATCH = 8;
    /** SGLang sizes it from GPU memory; the stand-in uses vLLM's --max-num-seqs default. */
    static final int DEFAULT_MAX_RUNNING_REQUESTS = 256;
    /** The stand-in's model has Llama-2-7B's context, as in the other dialects. */
    static final int DEFAULT_CONTEXT_LENGTH = 4096;
    static final List<String> TARGET_MODULES = List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
            "up_proj", "down_proj", "qkv_proj", "gate_up_proj", "all");

    private static final String PROG = "launch_server.py";
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Arity { SWITCH, ONE, MANY }

    /** Every option string, aliases included, with its arity and the name its value is stored under. */
    private static final Map<String, Option> OPTIONS = new LinkedHashMap<>();

    private record Option(String dest, Arity arity) {
    }

    static {
        option(Arity.ONE, "--model-path", "--model");
        option(Arity.ONE, "--served-model-name");
        option(Arity.ONE, "--tokenizer-path");
        option(Arity.SWITCH, "--enable-lora");
        option(Arity.MANY, "--lora-paths");
        option(Arity.ONE, "--max-loras-per-batch");
        option(Arity.ONE, "--max-loaded-loras");
        option(Arity.ONE, "--max-lora-rank");
        option(Arity.MANY, "--lora-target-modules");
        option(Arity.ONE, "--max-running-requests");
        option(Arity.ONE, "--context-length");
        option(Arity.ONE, "--host");
        option(Arity.ONE, "--port");
        option(Arity.SWITCH, "--enable-metrics");
        option(Arity.ONE, "--api-key");
        option(Arity.ONE, "--random-seed");
        // known to SGLang, no effect in the stand-in
        option(Arity.ONE, "--tp-size", "--tensor-parallel-size");
        option(Arity.ONE, "--mem-fraction-static");
        option(Arity.ONE, "--dtype");
        option(Arity.ONE, "--log-level");
        option(Arity.ONE, "--lora-backend");
        option(Arity.ONE, "--lora-eviction-policy");
        option(Arity.ONE, "--chunked-prefill-size");
        option(Arity.SWITCH, "--trust-remote-code");
        option(Arity.SWITCH, "--disable-radix-cache");
        option(Arity.SWITCH, "--disable-cuda-graph");
    }

    private static void option(Arity arity, String... names) {
        for (String name : names) {
            OPTIONS.put(name, new Option(names[0], arity));
        }
    }

    private SglangCommandLine() {
    }

    public static ServeConfig parse(List<String> args) throws StartupFailure {
        Map<String, List<String>> values = new HashMap<>();
        List<String> unrecognized = new ArrayList<>();
        List<String> simArgs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String token = args.get(i);
            if (SimOptions.isSimFlag(token)) {
                simArgs.add(token);
                if (!token.contains("=") && i + 1 < args.size()) {
                    simArgs.add(args.get(++i));
                }
                continue;
            }
            if (!token.startsWith("--")) {
                unrecognized.add(token);
                continue;
            }
            int equals = token.indexOf('=');
            String written = equals < 0 ? token : token.substring(0, equals);
            String name = resolve(written);
            if (name == null) {
                unrecognized.add(token);
                continue;
            }
            Option option = OPTIONS.get(name);
            List<String> given = new ArrayList<>();
            if (equals >= 0) {
                if (option.arity() == Arity.SWITCH) {
                    throw usage("argument " + name + ": ignored explicit argument '" + token.substring(equals + 1) + "'");
                }
                given.add(token.substring(equals + 1));
            } else if (option.arity() == Arity.ONE) {
                if (i + 1 >= args.size() || looksLikeOption(args.get(i + 1))) {
                    throw usage("argument " + name + ": expected one argument");
                }
                given.add(args.get(++i));
            } else if (option.arity() == Arity.MANY) {
                while (i + 1 < args.size() && !looksLikeOption(args.get(i + 1))) {
                    given.add(args.get(++i));
                }
            }
            values.put(option.dest(), given);
        }
        if (!unrecognized.isEmpty()) {
            throw usage("unrecognized arguments: " + String.join(" ", unrecognized));
        }
        if (!values.containsKey("--model-path")) {
            throw usage("the following arguments are required: --model-path/--model");
        }
        SimOptions sim = SimOptions.parse(simArgs, message -> usage(message));
        sim.validate();
        return settings(values, sim);
    }

    private static ServeConfig settings(Map<String, List<String>> values, SimOptions sim) throws StartupFailure {
        String model = one(values, "--model-path");
        String servedName = values.containsKey("--served-model-name") ? one(values, "--served-model-name") : model;
        List<LoraModuleSpec> adapters = new ArrayList<>();
        for (String value : values.getOrDefault("--lora-paths", List.of())) {
            adapters.add(loraPath(value));
        }
        List<String> targetModules = values.getOrDefault("--lora-target-modules", List.of());
        for (String module : targetModules) {
            if (!TARGET_MODULES.contains(module)) {
                throw usage("argument --lora-target-modules: invalid choice: '" + module + "' (choose from "
                        + TARGET_MODULES.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", ")) + ")");
            }
        }
        int maxLorasPerBatch = integer(values, "--max-loras-per-batch", DEFAULT_MAX_LORAS_PER_BATCH);
        Integer maxLoadedLoras = values.containsKey("--max-loaded-loras") ? integer(values, "--max-loaded-loras", 0)
                : null;
        Integer maxLoraRank = values.containsKey("--max-lora-rank") ? integer(values, "--max-lora-rank", 0) : null;
        int maxRunningRequests = integer(values, "--max-running-requests", DEFAULT_MAX_RUNNING_REQUESTS);
        int contextLength = integer(values, "--context-length", DEFAULT_CONTEXT_LENGTH);
        int port = integer(values, "--port", DEFAULT_PORT);
        // passing --lora-paths turns LoRA on (docs/advanced_features/lora.ipynb)
        boolean enableLora = values.containsKey("--enable-lora") || !adapters.isEmpty();
        if (maxLorasPerBatch < 1 || maxRunningRequests < 1 || contextLength < 1 || port < 0 || port > 65535) {
            throw StartupFailure.of("ValueError: --max-loras-per-batch, --max-running-requests and --context-length "
                    + "must be >= 1 and --port in 0..65535", 1);
        }
        if (maxLoadedLoras != null && maxLoadedLoras < maxLorasPerBatch) {
            throw StartupFailure.of("AssertionError: max_loaded_loras (" + maxLoadedLoras + ") should be greater "
                    + "than or equal to max_loras_per_batch (" + maxLorasPerBatch + ")", 1);
        }
        if (maxLoadedLoras != null && adapters.size() > maxLoadedLoras) {
            throw StartupFailure.of("AssertionError: The number of LoRA paths (" + adapters.size() + ") should not "
                    + "exceed max_loaded_loras (" + maxLoadedLoras + ")", 1);
        }
        // unlimited CPU memory unless --max-loaded-loras: every adapter fits
        int cpuSlots = maxLoadedLoras != null ? maxLoadedLoras : Math.max(maxLorasPerBatch, adapters.size());
        String apiKey = values.containsKey("--api-key") ? one(values, "--api-key") : null;
        long seed = values.containsKey("--random-seed") ? integer(values, "--random-seed", 0) : 0;
        return new ServeConfig(
                model,
                List.of(servedName),
                values.containsKey("--host") ? one(values, "--host") : "127.0.0.1",
                port,
                enableLora,
                List.copyOf(adapters),
                maxLoraRank == null ? Integer.MAX_VALUE : maxLoraRank,
                contextLength,
                sim.engine(maxRunningRequests, maxLorasPerBatch, cpuSlots, Batching.SGLANG),
                apiKey == null ? List.of() : List.of(apiKey),
                seed,
                false,
                sim.loadDelaySeconds,
                sim.eosProbability,
                List.of(),
                new DialectSettings.Sglang(values.containsKey("--enable-metrics"), maxLorasPerBatch, maxLoadedLoras,
                        maxLoraRank, List.copyOf(targetModules), maxRunningRequests, contextLength));
    }

    /**
     * One --lora-paths value: {@code NAME=PATH}, a JSON object with lora_name and lora_path, or a
     * bare PATH, which SGLang's LoRAPathAction registers under the path itself as its name.
     */
    static LoraModuleSpec loraPath(String value) throws StartupFailure {
        String trimmed = value.trim();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            try {
                JsonNode node = JSON.readTree(trimmed);
                if (node.path("lora_name").isTextual() && node.path("lora_path").isTextual()) {
                    return new LoraModuleSpec(node.get("lora_name").asText(), node.get("lora_path").asText(), null);
                }
            } catch (IOException e) {
                throw StartupFailure.of("json.decoder.JSONDecodeError: " + e.getMessage(), 1);
            }
            throw StartupFailure.of("AssertionError: '" + trimmed + "' looks like a JSON str, but it does not "
                    + "contain 'lora_name' and 'lora_path' keys.", 1);
        }
        int equals = trimmed.indexOf('=');
        return equals < 0
                ? new LoraModuleSpec(trimmed, trimmed, null)
                : new LoraModuleSpec(trimmed.substring(0, equals), trimmed.substring(equals + 1), null);
    }

    /** An exact option string, else the only option it is a prefix of; null when unknown. */
    private static String resolve(String written) throws StartupFailure {
        if (OPTIONS.containsKey(written)) {
            return written;
        }
        List<String> matches = OPTIONS.keySet().stream().filter(name -> name.startsWith(written)).toList();
        if (matches.size() > 1 && matches.stream().map(name -> OPTIONS.get(name).dest()).distinct().count() > 1) {
            throw usage("ambiguous option: " + written + " could match " + String.join(", ", matches));
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    /** argparse takes "-" followed by anything but a number as an option. */
    private static boolean looksLikeOption(String token) {
        return token.startsWith("-") && token.length() > 1 && !token.matches("-\\d.*");
    }

    private static String one(Map<String, List<String>> values, String dest) {
        return values.get(dest).get(0);
    }

    private static int integer(Map<String, List<String>> values, String dest, int fallback) throws StartupFailure {
        if (!values.containsKey(dest)) {
            return fallback;
        }
        String value = one(values, dest);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw usage("argument " + dest + ": invalid int value: '" + value + "'");
        }
    }

    private static StartupFailure usage(String message) {
        return StartupFailure.of("usage: " + PROG + " [-h] --model-path MODEL_PATH [options]\n"
                + PROG + ": error: " + message, 2);
    }
}
