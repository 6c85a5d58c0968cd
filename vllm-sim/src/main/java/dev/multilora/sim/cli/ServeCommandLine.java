package dev.multilora.sim.cli;

import dev.multilora.sim.engine.Batching;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Turns {@code serve MODEL [flags]} (or the legacy {@code --model MODEL [flags]}) into a
 * {@link ServeConfig}, failing as vLLM's argparse and config checks fail.
 */
public final class ServeCommandLine {

    /** MaxLoRARanks in vllm/config/lora.py. */
    static final List<Integer> ALLOWED_LORA_RANKS = List.of(1, 8, 16, 32, 64, 128, 256, 320, 512);

    /** Flags vLLM has removed; argparse no longer knows them, so they fail start-up there too. */
    private static final Set<String> REMOVED_FLAGS = Set.of("--disable-log-requests");

    /** Options taking several values (argparse nargs="+"), read by {@link #takeMultiValued}. */
    private static final Set<String> MULTI_VALUED = Set.of("--lora-modules", "--api-key", "--served-model-name");

    private ServeCommandLine() {
    }

    public static ServeConfig parse(String[] args, Map<String, String> environment) throws StartupFailure {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String modelTag = null;
        if (!rest.isEmpty() && rest.get(0).equals("serve")) {
            rest.remove(0);
            if (!rest.isEmpty() && !rest.get(0).startsWith("-")) {
                modelTag = rest.remove(0);
            }
        }
        ServeOptions options = new ServeOptions();
        try {
            // argparse: a single-valued option given twice keeps the last value
            new CommandLine(options).setUnmatchedArgumentsAllowed(true).setOverwrittenOptionsAllowed(true)
                    .parseArgs(takeMultiValued(rest, options).toArray(String[]::new));
        } catch (ParameterException e) {
            throw StartupFailure.usage(e.getMessage());
        }
        List<String> removed = options.unknownArguments.stream()
                .filter(argument -> REMOVED_FLAGS.contains(argument.split("=", 2)[0]))
                .toList();
        if (!removed.isEmpty()) {
            throw StartupFailure.usage("unrecognized arguments: " + String.join(" ", removed));
        }
        String model = modelTag != null ? modelTag : options.model;
        if (model == null) {
            throw StartupFailure.usage("the following arguments are required: model_tag");
        }
        return validate(options, model, environment);
    }

    /**
     * Takes the multi-valued options off the command line and sets them from their last occurrence,
     * as argparse's store action replaces the list. Their values are the tokens up to the next one
     * that starts with "-", as with argparse's nargs="+" (picocli would swallow unknown flags).
     *
     * @return the other arguments
     */
    static List<String> takeMultiValued(List<String> args, ServeOptions options) throws StartupFailure {
        List<String> rest = new ArrayList<>();
        Map<String, List<String>> last = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String[] flagAndValue = args.get(i).split("=", 2);
            if (!MULTI_VALUED.contains(flagAndValue[0])) {
                rest.add(args.get(i));
                continue;
            }
            List<String> values = new ArrayList<>();
            if (flagAndValue.length == 2) {
                values.add(flagAndValue[1]);
            }
            while (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                values.add(args.get(++i));
            }
            if (values.isEmpty()) {
                throw StartupFailure.usage("argument " + flagAndValue[0] + ": expected at least one argument");
            }
            last.put(flagAndValue[0], values);
        }
        options.loraModules = last.getOrDefault("--lora-modules", List.of());
        options.apiKeys = last.getOrDefault("--api-key", List.of());
        options.servedModelNames = last.getOrDefault("--served-model-name", List.of());
        return rest;
    }

    private static ServeConfig validate(ServeOptions options, String model, Map<String, String> environment)
            throws StartupFailure {
        if (!ALLOWED_LORA_RANKS.contains(options.maxLoraRank)) {
            throw StartupFailure.usage("argument --max-lora-rank: invalid choice: " + options.maxLoraRank
                    + " (choose from " + ALLOWED_LORA_RANKS.stream().map(String::valueOf)
                            .collect(Collectors.joining(", ")) + ")");
        }
        List<LoraModuleSpec> loraModules = new ArrayList<>();
        for (String value : options.loraModules) {
            try {
                loraModules.add(LoraModuleSpec.parse(value));
            } catch (IllegalArgumentException e) {
                throw StartupFailure.usage("argument --lora-modules: " + e.getMessage());
            }
        }
        if (options.maxLoras < 1) {
            throw StartupFailure.valueError("max_loras (" + options.maxLoras + ") must be >= 1.");
        }
        int maxCpuLoras = options.maxCpuLoras == null ? options.maxLoras : options.maxCpuLoras;
        if (maxCpuLoras < options.maxLoras) {
            throw StartupFailure.valueError(
                    "max_cpu_loras (" + maxCpuLoras + ") must be >= max_loras (" + options.maxLoras + ")");
        }
        if (!loraModules.isEmpty() && !options.enableLora) {
            throw StartupFailure.valueError("--lora-modules requires --enable-lora.");
        }
        requirePositive("max_num_seqs", options.maxNumSeqs);
        requirePositive("max_model_len", options.maxModelLen);
        requirePositive("tensor_parallel_size", options.tensorParallelSize);
        if (!(options.gpuMemoryUtilization > 0 && options.gpuMemoryUtilization <= 1)) {
            throw StartupFailure.valueError("gpu_memory_utilization must be in (0, 1], got "
                    + options.gpuMemoryUtilization);
        }
        if (options.port < 0 || options.port > 65535) {
            throw StartupFailure.valueError("port must be in 0..65535, got " + options.port);
        }
        options.sim.validate();
        return new ServeConfig(
                model,
                options.servedModelNames.isEmpty() ? List.of(model) : List.copyOf(options.servedModelNames),
                options.host == null ? "127.0.0.1" : options.host,
                options.port,
                options.enableLora,
                List.copyOf(loraModules),
                options.maxLoraRank,
                options.maxModelLen,
                options.sim.engine(options.maxNumSeqs, options.maxLoras, maxCpuLoras, Batching.VLLM),
                apiKeys(options, environment),
                options.seed,
                options.enableRequestIdHeaders,
                options.sim.loadDelaySeconds,
                options.sim.eosProbability,
                List.copyOf(options.unknownArguments),
                new DialectSettings.Vllm());
    }

    private static List<String> apiKeys(ServeOptions options, Map<String, String> environment) {
        if (!options.apiKeys.isEmpty()) {
            return List.copyOf(options.apiKeys);
        }
        String fromEnvironment = environment.get("VLLM_API_KEY");
        return fromEnvironment == null || fromEnvironment.isEmpty() ? List.of() : List.of(fromEnvironment);
    }

    private static void requirePositive(String name, int value) throws StartupFailure {
        if (value < 1) {
            throw StartupFailure.valueError(name + " must be >= 1, got " + value);
        }
    }
}
