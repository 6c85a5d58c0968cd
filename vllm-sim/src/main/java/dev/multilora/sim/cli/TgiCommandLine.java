package dev.multilora.sim.cli;

import dev.multilora.sim.engine.Batching;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code text-generation-launcher} flags into a {@link ServeConfig} the way clap reads them
 * (launcher/src/main.rs): {@code --flag value}, {@code --flag=value}, {@code -p value},
 * {@code -p=value} or {@code -pVALUE}; a flag given twice and anything unknown are refused with
 * clap's wording and exit status 2.
 */
public final class TgiCommandLine {

    static final int DEFAULT_PORT = 3000;
    static final String DEFAULT_HOSTNAME = "0.0.0.0";
    static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 128;
    /**
     * TGI 3 derives it from the model's max_position_embeddings; the stand-in's model has
     * Llama-2-7B's 4096, as in the other dialects. --max-input-tokens then defaults to one less.
     */
    static final int DEFAULT_MAX_TOTAL_TOKENS = 4096;

    /** parse_lora_adapters (server/text_generation_server/utils/adapter.py): id, id=path, id@revision. */
    private static final Pattern LORA_ADAPTER = Pattern.compile("^([^=@]+)(?:=([^@]+))?(?:@(.+))?$");

    private enum Arity { SWITCH, ONE }

    private record Option(String dest, String valueName, Arity arity) {
    }

    /** Every option string, the short -p included, with the long name its value is stored under. */
    private static final Map<String, Option> OPTIONS = new LinkedHashMap<>();

    static {
        option(Arity.ONE, "MODEL_ID", "--model-id");
        option(Arity.ONE, "LORA_ADAPTERS", "--lora-adapters");
        option(Arity.ONE, "HOSTNAME", "--hostname");
        option(Arity.ONE, "PORT", "--port", "-p");
        option(Arity.ONE, "MAX_CONCURRENT_REQUESTS", "--max-concurrent-requests");
        option(Arity.ONE, "MAX_TOTAL_TOKENS", "--max-total-tokens");
        option(Arity.ONE, "MAX_INPUT_TOKENS", "--max-input-tokens", "--max-input-length");
        option(Arity.ONE, "NUM_SHARD", "--num-shard");
        option(Arity.ONE, "MAX_BATCH_SIZE", "--max-batch-size");
        // known to TGI, no effect in the stand-in
        option(Arity.ONE, "REVISION", "--revision");
        option(Arity.ONE, "DTYPE", "--dtype");
        option(Arity.ONE, "QUANTIZE", "--quantize");
        option(Arity.ONE, "SHARDED", "--sharded");
        option(Arity.ONE, "CUDA_MEMORY_FRACTION", "--cuda-memory-fraction");
        option(Arity.ONE, "MAX_BATCH_PREFILL_TOKENS", "--max-batch-prefill-tokens");
        option(Arity.ONE, "MAX_BATCH_TOTAL_TOKENS", "--max-batch-total-tokens");
        option(Arity.ONE, "MAX_BEST_OF", "--max-best-of");
        option(Arity.ONE, "MAX_STOP_SEQUENCES", "--max-stop-sequences");
        option(Arity.ONE, "MAX_WAITING_TOKENS", "--max-waiting-tokens");
        option(Arity.ONE, "WAITING_SERVED_RATIO", "--waiting-served-ratio");
        option(Arity.ONE, "CUDA_GRAPHS", "--cuda-graphs");
        option(Arity.ONE, "HUGGINGFACE_HUB_CACHE", "--huggingface-hub-cache");
        option(Arity.SWITCH, null, "--trust-remote-code");
        option(Arity.SWITCH, null, "--disable-custom-kernels");
        option(Arity.SWITCH, null, "--json-output");
    }

    private static void option(Arity arity, String valueName, String... names) {
        for (String name : names) {
            OPTIONS.put(name, new Option(names[0], valueName, arity));
        }
    }

    private TgiCommandLine() {
    }

    public static ServeConfig parse(List<String> args) throws StartupFailure {
        Map<String, String> values = new HashMap<>();
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
            String written;
            String attached = null;
            if (token.startsWith("--")) {
                int equals = token.indexOf('=');
                written = equals < 0 ? token : token.substring(0, equals);
                attached = equals < 0 ? null : token.substring(equals + 1);
            } else if (token.startsWith("-") && token.length() > 1) {
                written = token.substring(0, 2);
                if (token.length() > 2) {
                    attached = token.charAt(2) == '=' ? token.substring(3) : token.substring(2);
                }
            } else {
                throw clap("unexpected argument '" + token + "' found");
            }
            Option option = OPTIONS.get(written);
            if (option == null) {
                throw clap("unexpected argument '" + written + "' found");
            }
            if (values.containsKey(option.dest())) {
                throw clap("the argument '" + display(option) + "' cannot be used multiple times");
            }
            if (option.arity() == Arity.SWITCH) {
                if (attached != null) {
                    throw clap("unexpected value '" + attached + "' for '" + option.dest() + "' found; no more were expected");
                }
                values.put(option.dest(), "true");
            } else if (attached != null) {
                values.put(option.dest(), attached);
            } else {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("-")) {
                    throw clap("a value is required for '" + display(option) + "' but none was supplied");
                }
                values.put(option.dest(), args.get(++i));
            }
        }
        SimOptions sim = SimOptions.parse(simArgs, TgiCommandLine::clap);
        sim.validate();
        return settings(values, sim);
    }

    private static ServeConfig settings(Map<String, String> values, SimOptions sim) throws StartupFailure {
        String model = values.getOrDefault("--model-id", "bigscience/bloom-560m");
        List<LoraModuleSpec> adapters = new ArrayList<>();
        if (values.containsKey("--lora-adapters")) {
            for (String entry : values.get("--lora-adapters").split(",")) {
                adapters.add(loraAdapter(entry.strip()));
            }
        }
        int port = integer(values, "--port", DEFAULT_PORT);
        int maxConcurrentRequests = integer(values, "--max-concurrent-requests", DEFAULT_MAX_CONCURRENT_REQUESTS);
        int maxTotalTokens = integer(values, "--max-total-tokens", DEFAULT_MAX_TOTAL_TOKENS);
        int maxInputTokens = integer(values, "--max-input-tokens", maxTotalTokens - 1);
        int numShard = integer(values, "--num-shard", 1);
        Integer maxBatchSize = values.containsKey("--max-batch-size") ? integer(values, "--max-batch-size", 0) : null;
        if (port < 0 || port > 65535) {
            throw clap("invalid value '" + port + "' for '--port <PORT>': " + port + " is not in 0..=65535");
        }
        if (maxInputTokens >= maxTotalTokens) {
            throw StartupFailure.of("Error: ArgumentValidation(\"`max_input_tokens`(" + maxInputTokens
                    + ") must be < `max_total_tokens`(" + maxTotalTokens + ")\")", 1);
        }
        if (maxConcurrentRequests < 1 || numShard < 1 || (maxBatchSize != null && maxBatchSize < 1)) {
            throw StartupFailure.of("Error: ArgumentValidation(\"--max-concurrent-requests, --num-shard and "
                    + "--max-batch-size must be >= 1\")", 1);
        }
        int resident = Math.max(1, adapters.size());
        int maxNumSeqs = maxBatchSize != null ? maxBatchSize : maxConcurrentRequests;
        return new ServeConfig(
                model,
                List.of(model),
                values.getOrDefault("--hostname", DEFAULT_HOSTNAME),
                port,
                !adapters.isEmpty(),
                List.copyOf(adapters),
                Integer.MAX_VALUE,
                maxTotalTokens,
                sim.engine(maxNumSeqs, resident, resident, Batching.TGI),
                List.of(),
                0,
                false,
                sim.loadDelaySeconds,
                sim.eosProbability,
                List.of(),
                new DialectSettings.Tgi(maxConcurrentRequests, maxTotalTokens, maxInputTokens, numShard, maxBatchSize));
    }

    /** One --lora-adapters entry: {@code id}, {@code id=path}, either with {@code @revision} (ignored). */
    static LoraModuleSpec loraAdapter(String entry) throws StartupFailure {
        Matcher matcher = LORA_ADAPTER.matcher(entry);
        if (!matcher.matches()) {
            throw StartupFailure.of("ValueError: Invalid LoRA adapter format: " + entry, 1);
        }
        String id = matcher.group(1);
        return new LoraModuleSpec(id, matcher.group(2) != null ? matcher.group(2) : id, null);
    }

    private static int integer(Map<String, String> values, String dest, int fallback) throws StartupFailure {
        String value = values.get(dest);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw clap("invalid value '" + value + "' for '" + display(OPTIONS.get(dest)) + "': invalid digit found in string");
        }
    }

    private static String display(Option option) {
        return option.valueName() == null ? option.dest() : option.dest() + " <" + option.valueName() + ">";
    }

    private static StartupFailure clap(String message) {
        return StartupFailure.of("error: " + message + "\n\nUsage: text-generation-launcher [OPTIONS]\n\n"
                + "For more information, try '--help'.", 2);
    }
}
