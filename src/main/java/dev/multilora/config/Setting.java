package dev.multilora.config;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every configuration key the tool understands: API.md's keys plus this project's own, with type,
 * default and the rule a value must satisfy. README.md's configuration table lists exactly these.
 */
public enum Setting {
    MODEL_NAME("model.name", ValueType.STRING, null,
            "Base model: Hugging Face id or local path. Dataset lines naming it run without LoRA.", nonBlank()),
    TENSOR_PARALLEL_SIZE("model.tensor_parallel_size", ValueType.INT, 1, "GPUs for tensor parallelism.", atLeast(1)),
    GPU_MEMORY_UTILIZATION("model.gpu_memory_utilization", ValueType.DOUBLE, 0.9,
            "Fraction of GPU memory vLLM may use, in (0, 1].", v -> ((Double) v) > 0 && ((Double) v) <= 1, "in (0, 1]"),
    MAX_MODEL_LEN("model.max_model_len", ValueType.INT, null, "Maximum sequence length; unset = the model's own.", atLeast(1)),

    SERVER_MODE("server.mode", ValueType.STRING, "external",
            "`external`: send to a server already running at server.host:server.port.",
            v -> v.equals("external"), "one of: external"),
    SERVER_HOST("server.host", ValueType.STRING, "localhost", "Server host.", nonBlank()),
    SERVER_PORT("server.port", ValueType.INT, 8000, "Server port.",
            v -> ((Integer) v) >= 1 && ((Integer) v) <= 65535, "in 1..65535"),

    ADAPTERS_DIR("lora.adapters_dir", ValueType.PATH, null,
            "Folder of PEFT adapters, one subfolder each (adapter_config.json + weights).", nonBlank()),
    MAX_LORAS("lora.max_loras", ValueType.INT, 1, "Most distinct adapters in one batch (vLLM --max-loras).", atLeast(1)),
    MAX_LORA_RANK("lora.max_lora_rank", ValueType.INT, 16,
            "Highest adapter rank vLLM accepts; adapters above it are excluded.",
            v -> LoraRanks.ALLOWED.contains((Integer) v), "one of " + LoraRanks.ALLOWED),
    MAX_CPU_LORAS("lora.max_cpu_loras", ValueType.INT, null,
            "Adapters cached in CPU memory; unset = lora.max_loras; must be >= lora.max_loras.", atLeast(1)),

    DATASET_PATH("benchmark.dataset_path", ValueType.PATH, null, "JSONL dataset used by `bench` without --dataset.", nonBlank()),
    NUM_REQUESTS("benchmark.num_requests", ValueType.INT, null,
            "Measured requests; unset = each valid line once; more than the lines cycles through them.", atLeast(1)),
    CONCURRENCY("benchmark.concurrency", ValueType.INT, 4,
            "Most requests in flight at once (1..1024).",
            v -> ((Integer) v) >= 1 && ((Integer) v) <= Setting.MAX_CONCURRENCY, "in 1.." + Setting.MAX_CONCURRENCY),
    SHUFFLE_DATA("benchmark.shuffle_data", ValueType.BOOLEAN, false, "Shuffle the valid lines with the seed.", any()),
    RANDOM_ADAPTER_ASSIGNMENT("benchmark.random_adapter_assignment", ValueType.BOOLEAN, false,
            "Draw each request's adapter uniformly from the catalog, ignoring the dataset's adapter_name.", any()),
    SEED("benchmark.seed", ValueType.LONG, 0L, "Seed for shuffling and adapter draws: same seed, same requests.", any()),
    REQUEST_TIMEOUT_S("benchmark.request_timeout_s", ValueType.DOUBLE, 600.0,
            "Seconds a request may wait for its response before it fails.", v -> ((Double) v) > 0, "> 0"),

    MAX_TOKENS("generation.max_tokens", ValueType.INT, 128, "Tokens to generate at most.", atLeast(1)),
    TEMPERATURE("generation.temperature", ValueType.DOUBLE, 0.0, "Sampling temperature (0 = greedy).",
            v -> ((Double) v) >= 0, ">= 0"),
    TOP_P("generation.top_p", ValueType.DOUBLE, 1.0, "Nucleus sampling, in (0, 1].",
            v -> ((Double) v) > 0 && ((Double) v) <= 1, "in (0, 1]"),
    TOP_K("generation.top_k", ValueType.INT, -1, "Top-k sampling; -1 = off.",
            v -> ((Integer) v) == -1 || ((Integer) v) >= 1, "-1 or >= 1"),

    INBOX("paths.inbox", ValueType.PATH, "inbox", "Folder `watch` polls for *.jsonl datasets.", nonBlank()),
    OUTBOX("paths.outbox", ValueType.PATH, "outbox", "Folder that receives one run folder per benchmark.", nonBlank());

    static final int MAX_CONCURRENCY = 1024;

    private static final Map<String, Setting> BY_KEY =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));

    private final String key;
    private final ValueType type;
    private final Object defaultValue;
    private final String description;
    private final Predicate<Object> rule;
    private final String ruleText;

    Setting(String key, ValueType type, Object defaultValue, String description, Rule rule) {
        this(key, type, defaultValue, description, rule.test, rule.text);
    }

    Setting(String key, ValueType type, Object defaultValue, String description, Predicate<Object> rule, String ruleText) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
        this.rule = rule;
        this.ruleText = ruleText;
    }

    public String key() {
        return key;
    }

    public String section() {
        return key.substring(0, key.indexOf('.'));
    }

    public String description() {
        return description;
    }

    public Object defaultValue() {
        return defaultValue;
    }

    ValueType type() {
        return type;
    }

    /** The environment variable that sets this key, e.g. MULTILORA_BENCHMARK_CONCURRENCY. */
    public String environmentVariable() {
        return "MULTILORA_" + key.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }

    Object parseAndCheck(Object raw) {
        Object value = type.parse(raw);
        if (!rule.test(value)) {
            throw new IllegalArgumentException("must be " + ruleText);
        }
        return value;
    }

    static Optional<Setting> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    static Set<String> sections() {
        return Arrays.stream(values()).map(Setting::section).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private record Rule(Predicate<Object> test, String text) {
    }

    private static Rule atLeast(int min) {
        return new Rule(v -> ((Number) v).longValue() >= min, ">= " + min);
    }

    private static Rule nonBlank() {
        return new Rule(v -> !v.toString().isBlank(), "a non-empty value");
    }

    private static Rule any() {
        return new Rule(v -> true, "any value");
    }
}
