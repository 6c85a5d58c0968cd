package dev.multilora.config;

import dev.multilora.adapter.AdapterDistribution;
import java.util.Arrays;
import java.util.List;
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

    SERVER_ENGINE("server.engine", ValueType.STRING, "vllm",
            "The serving engine: vllm, sglang, llamacpp, tgi or lorax; it decides the launch command, how requests select"
                    + " adapters and where the served adapters are listed (docs/engines.md).",
            v -> EngineNames.ALLOWED.contains(v), "one of: " + String.join(", ", EngineNames.ALLOWED)),
    SERVER_MODE("server.mode", ValueType.STRING, "managed",
            "`managed`: start the server with server.command for the run; `external`: use a server already running.",
            v -> v.equals("managed") || v.equals("external"), "one of: managed, external"),
    SERVER_HOST("server.host", ValueType.STRING, "localhost", "Server host.", nonBlank()),
    SERVER_PORT("server.port", ValueType.INT, 8000, "Server port.",
            v -> ((Integer) v) >= 1 && ((Integer) v) <= 65535, "in 1..65535"),
    SERVER_URL("server.url", ValueType.STRING, null,
            "External mode only: the server's base URL, e.g. http://gpu-box:8000; wins over host and port.",
            v -> v.toString().matches("https?://[^/\\s]+/?"), "an http(s)://host:port URL"),
    SERVER_URLS("server.urls", ValueType.LIST, List.of(),
            "External mode only: several servers with the same model and adapters sharing the run's requests (a fleet);"
                    + " wins over server.url; each record says which one served it.",
            v -> ((List<?>) v).stream().allMatch(url -> url.toString().matches("https?://[^/\\s]+/?"))
                    && ((List<?>) v).stream().map(url -> url.toString().replaceAll("/$", "")).distinct().count() == ((List<?>) v).size(),
            "distinct http(s)://host:port URLs"),
    SERVER_BALANCE("server.balance", ValueType.STRING, "round_robin",
            "How requests are spread over server.urls: `round_robin` in plan order, or `adapter_affinity` (each adapter,"
                    + " and the base model, always to the same server, as a fleet keeps adapters resident).",
            v -> v.equals("round_robin") || v.equals("adapter_affinity"), "one of: round_robin, adapter_affinity"),
    SERVER_COMMAND("server.command", ValueType.LIST, null,
            "Managed mode: the program and its leading arguments; a relative path resolves against the config's folder;"
                    + " unset = the engine's own (vllm serve; python3 -m sglang.launch_server; llama-server;"
                    + " text-generation-launcher; lorax-launcher).",
            v -> !((List<?>) v).isEmpty(), "a non-empty list"),
    SERVER_MAX_NUM_SEQS("server.max_num_seqs", ValueType.INT, null,
            "Managed mode: most sequences the server runs at once (vLLM --max-num-seqs, SGLang --max-running-requests,"
                    + " llama.cpp -np, TGI and LoRAX --max-concurrent-requests); unset = the engine's default.", atLeast(1)),
    SERVER_EXTRA_ARGS("server.extra_args", ValueType.LIST, List.of(), "Managed mode: arguments appended verbatim.", any()),
    SERVER_ENV("server.env", ValueType.MAP, Map.of(),
            "Managed mode: extra environment variables, e.g. {VLLM_ALLOW_RUNTIME_LORA_UPDATING: \"1\"}.", any()),
    SERVER_STARTUP_TIMEOUT_S("server.startup_timeout_s", ValueType.DOUBLE, 1800.0,
            "Seconds to wait for /health to answer 200 (large models load for minutes).", v -> ((Double) v) > 0, "> 0"),
    SERVER_KEEP_ALIVE("server.keep_alive", ValueType.BOOLEAN, true,
            "Under `watch`, keep a managed server up between datasets while its settings are unchanged.", any()),
    SERVER_API_KEY("server.api_key", ValueType.STRING, null,
            "API key; unset = the VLLM_API_KEY environment variable. Sent as a Bearer token, never written out.", nonBlank()),

    ADAPTERS_DIR("lora.adapters_dir", ValueType.PATH, null,
            "Folder of PEFT adapters, one subfolder each (adapter_config.json + weights); for llama.cpp, .gguf files.",
            nonBlank()),
    MAX_LORAS("lora.max_loras", ValueType.INT, 1, "Most distinct adapters in one batch (vLLM --max-loras).", atLeast(1)),
    MAX_LORA_RANK("lora.max_lora_rank", ValueType.INT, 16,
            "Highest adapter rank vLLM accepts; adapters above it are excluded.",
            v -> LoraRanks.ALLOWED.contains((Integer) v), "one of " + LoraRanks.ALLOWED),
    MAX_CPU_LORAS("lora.max_cpu_loras", ValueType.INT, null,
            "Adapters cached in CPU memory; unset = lora.max_loras; must be >= lora.max_loras.", atLeast(1)),

    LORA_COPIES("lora.copies", ValueType.INT, 1,
            "Managed mode: register each adapter under N names (name-1 .. name-N) to test many adapters.", atLeast(1)),

    DATASET_PATH("benchmark.dataset_path", ValueType.PATH, null, "JSONL dataset used by `bench` without --dataset.", nonBlank()),
    NUM_REQUESTS("benchmark.num_requests", ValueType.INT, null,
            "Measured requests; unset = each valid line once; more than the lines cycles through them.", atLeast(1)),
    CONCURRENCY("benchmark.concurrency", ValueType.INT, 4,
            "Most requests in flight at once (1..1024).",
            v -> ((Integer) v) >= 1 && ((Integer) v) <= Setting.MAX_CONCURRENCY, "in 1.." + Setting.MAX_CONCURRENCY),
    SHUFFLE_DATA("benchmark.shuffle_data", ValueType.BOOLEAN, false, "Shuffle the valid lines with the seed.", any()),
    RANDOM_ADAPTER_ASSIGNMENT("benchmark.random_adapter_assignment", ValueType.BOOLEAN, false,
            "Draw each request's adapter from the catalog (see benchmark.adapter_distribution), ignoring the dataset's adapter_name.", any()),
    SEED("benchmark.seed", ValueType.LONG, 0L,
            "Seed for shuffling, adapter draws and arrival times: same seed, same requests.", any()),
    ADAPTER_DISTRIBUTION("benchmark.adapter_distribution", ValueType.MAP, Map.of("type", "uniform"),
            "With random_adapter_assignment: adapter popularity by name order; type uniform, round_robin, "
                    + "zipf (alpha > 0), geometric (alpha > 1) or power (alpha > 0), e.g. {type: zipf, alpha: 1.2}.",
            validDistribution()),
    REQUEST_RATE("benchmark.request_rate", ValueType.DOUBLE, null,
            "Requests per second sent on a Gamma arrival schedule; unset = all due at once (closed loop).",
            v -> ((Double) v) > 0, "> 0"),
    BURSTINESS("benchmark.burstiness", ValueType.DOUBLE, 1.0,
            "Gamma shape of the inter-arrival times: 1 = Poisson, below 1 burstier, above 1 more regular.",
            v -> ((Double) v) > 0, "> 0"),
    REQUEST_TIMEOUT_S("benchmark.request_timeout_s", ValueType.DOUBLE, 600.0,
            "Seconds a request may take, from its send to its last byte, before it fails.", v -> ((Double) v) > 0, "> 0"),
    WARMUP_REQUESTS("benchmark.warmup_requests", ValueType.INT, 0,
            "Requests per adapter (and the base model) sent before measuring, reported on their own; 0 = none, as vLLM.",
            atLeast(0)),
    CLIENT_WARMUP_REQUESTS("benchmark.client_warmup_requests", ValueType.INT, 500,
            "Requests per round of the client's rehearsal: the run's own requests sent to a local replay of a vLLM response before measuring, so the client's own warm-up (JIT, threads) is not measured; never reach the server; 0 = none.",
            atLeast(0)),
    CLIENT_WARMUP_ROUNDS("benchmark.client_warmup_rounds", ValueType.INT, 8,
            "Most rounds the client's rehearsal makes: it goes on while the JIT compiled for 2% or more of the last round.",
            atLeast(1)),
    MAX_DURATION_S("benchmark.max_duration_s", ValueType.DOUBLE, null,
            "Stop sending after this many seconds; requests not sent by then are reported as not sent.",
            v -> ((Double) v) > 0, "> 0"),
    MAX_ERROR_RATE("benchmark.max_error_rate", ValueType.DOUBLE, null,
            "Stop sending once this share of finished requests (after at least 10) has failed, in (0, 1].",
            v -> ((Double) v) > 0 && ((Double) v) <= 1, "in (0, 1]"),
    SLO("benchmark.slo", ValueType.MAP, Map.of(),
            "Service-level objectives for goodput, any of {ttft_ms: 500, tpot_ms: 50, e2el_ms: 5000}: a request is good when it meets all.",
            Setting::validSlo, "a mapping of ttft_ms, tpot_ms, e2el_ms to numbers > 0"),

    MAX_TOKENS("generation.max_tokens", ValueType.INT, 128, "Tokens to generate at most.", atLeast(1)),
    TEMPERATURE("generation.temperature", ValueType.DOUBLE, 0.0, "Sampling temperature (0 = greedy).",
            v -> ((Double) v) >= 0, ">= 0"),
    TOP_P("generation.top_p", ValueType.DOUBLE, 1.0, "Nucleus sampling, in (0, 1].",
            v -> ((Double) v) > 0 && ((Double) v) <= 1, "in (0, 1]"),
    TOP_K("generation.top_k", ValueType.INT, -1, "Top-k sampling; -1 = off.",
            v -> ((Integer) v) == -1 || ((Integer) v) >= 1, "-1 or >= 1"),
    ENDPOINT("generation.endpoint", ValueType.STRING, "completions",
            "`completions`: POST /v1/completions with the line's prompt; `chat`: POST /v1/chat/completions with its messages"
                    + " (a prompt line becomes one user message).",
            v -> v.equals("completions") || v.equals("chat"), "one of: completions, chat"),
    STREAM("generation.stream", ValueType.BOOLEAN, true,
            "Stream responses (SSE) to measure TTFT, TPOT and ITL as vLLM's benchmark does.", any()),
    IGNORE_EOS("generation.ignore_eos", ValueType.BOOLEAN, false,
            "Generate max_tokens even past end-of-sequence (vLLM extra parameter), for fixed output lengths.", any()),
    MIN_TOKENS("generation.min_tokens", ValueType.INT, null, "Tokens to generate at least (vLLM extra parameter).", atLeast(0)),

    INBOX("paths.inbox", ValueType.PATH, "inbox", "Folder `watch` polls for *.jsonl datasets.", nonBlank()),
    OUTBOX("paths.outbox", ValueType.PATH, "outbox", "Folder that receives one run folder per benchmark.", nonBlank()),
    INBOX_DONE_FILE("inbox.done_file", ValueType.STRING, null,
            "Done-file protocol for producers that cannot rename atomically: a dataset is picked up only once this file"
                    + " exists beside it, e.g. ${file:name}.done (NAME.jsonl.done) or ${file:name.noext}.ready (NAME.ready);"
                    + " read when `watch` starts; the done file travels with its dataset; unset = none.",
            Setting::validDoneFile, "a file name of ${file:name} or ${file:name.noext} (Camel's only done-file tokens)"
                    + " and a fixed part, e.g. ${file:name}.done, not ending in .jsonl"),
    NOTIFY_ENDPOINTS("notify.endpoints", ValueType.LIST, List.of(),
            "Camel endpoint URIs that receive each finished run's summary as JSON, e.g. http://ci.example/hook (POSTed)"
                    + " or file:outbox/.notifications; a failing one is logged and never fails the run.", any()),
    NOTIFY_TIMEOUT_S("notify.timeout_s", ValueType.DOUBLE, 10.0,
            "Seconds an HTTP notification may take to connect and to answer.", v -> ((Double) v) > 0, "> 0"),
    WATCH_ON_INTERRUPTED("watch.on_interrupted", ValueType.STRING, "rerun",
            "A dataset whose run `watch` did not finish (stopped, crashed): `rerun` runs it again once when `watch` starts"
                    + " (interrupted twice, it is filed as failed); `fail` files it under inbox/.failed/ at once.",
            v -> v.equals("rerun") || v.equals("fail"), "one of: rerun, fail"),

    METRICS_PORT("metrics.port", ValueType.INT, null,
            "Serve this tool's Prometheus metrics at http://metrics.host:PORT/metrics, across runs (read when the process"
                    + " starts); unset = not served.",
            v -> ((Integer) v) >= 1 && ((Integer) v) <= 65535, "in 1..65535"),
    METRICS_HOST("metrics.host", ValueType.STRING, "127.0.0.1",
            "Address the metrics endpoint listens on; 0.0.0.0 exposes it on every interface.", nonBlank()),

    API_PORT("api.port", ValueType.INT, null,
            "`watch` only: serve the run API (POST /runs, GET /runs, GET /health, ...) on this port; unset = no API.",
            v -> ((Integer) v) >= 1 && ((Integer) v) <= 65535, "in 1..65535"),
    API_HOST("api.host", ValueType.STRING, "127.0.0.1",
            "Address the run API listens on; 0.0.0.0 exposes it on every interface (set api.token then).", nonBlank()),
    API_TOKEN("api.token", ValueType.STRING, null,
            "Bearer token every API call but GET /health must send (Authorization: Bearer ...); unset = no token."
                    + " Better from the environment: MULTILORA_API_TOKEN.", nonBlank()),

    WORK_BROKER_URL("work.broker_url", ValueType.STRING, null,
            "The message broker that workers share (Apache ActiveMQ Artemis), e.g. tcp://broker-host:61616; set, `watch`"
                    + " puts every run it is given on work.queue instead of running it and collects the workers' results,"
                    + " and `worker` takes runs from it; unset = every run is local.",
            v -> v.toString().matches("(tcp|ssl)://[^\\s/]+(\\?\\S*)?"), "a tcp://host:port (or ssl://host:port) URL"),
    WORK_QUEUE("work.queue", ValueType.STRING, "multilora.work",
            "The queue runs wait on until a worker takes them.", destination()),
    WORK_RESULTS_QUEUE("work.results_queue", ValueType.STRING, "multilora.results",
            "The queue workers put each run's results on, for `watch` to collect (kept by the broker while `watch` is down).",
            destination()),
    WORK_DEAD_LETTER_QUEUE("work.dead_letter_queue", ValueType.STRING, "multilora.work.dead",
            "Where the broker puts a run that no worker finished within its delivery attempts; `watch` files each as an"
                    + " error report.", destination()),
    WORK_WORKERS_TOPIC("work.workers_topic", ValueType.STRING, "multilora.workers",
            "The topic workers announce themselves on (what they serve, what they run), for `multilora-bench workers`.",
            destination()),
    WORK_HEARTBEAT_S("work.heartbeat_s", ValueType.DOUBLE, 5.0,
            "Seconds between a worker's announcements; `workers` listens for twice as long.", v -> ((Double) v) >= 0.1, ">= 0.1"),
    WORK_MAX_MESSAGE_BYTES("work.max_message_bytes", ValueType.INT, 64 * 1024 * 1024,
            "Largest dataset (with its sidecar) a run message carries, and most bytes of run-folder files a results message"
                    + " carries (files beyond it stay on the worker and are listed as omitted).", atLeast(1024)),
    WORK_REQUIRES("work.requires", ValueType.MAP, Map.of(),
            "What a worker must serve to take this run, any of {gpu: H100, engine: vllm, model: NAME}; usually set per"
                    + " dataset (sidecar, API override, schedule override); {} = any worker.",
            Setting::validRequirements, "a mapping of gpu, engine, model to non-empty names"),
    WORK_GPU("work.gpu", ValueType.STRING, null,
            "`worker` only: the GPU it advertises and takes work.requires.gpu runs for; unset = the first GPU nvidia-smi"
                    + " names, or `none`.", nonBlank()),
    WORK_NAME("work.name", ValueType.STRING, null,
            "`worker` only: its name in results and in `workers`; unset = host name and process id.", nonBlank());

    /** What a worker advertises and a run may require (work.requires): message properties that selectors match. */
    public static final Set<String> REQUIREMENTS = Set.of("gpu", "engine", "model");

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
    /** Secrets are never written to any output: results, manifests, logs. */
    public boolean isSecret() {
        return this == SERVER_API_KEY;
    }

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

    static final java.util.Set<String> SLO_METRICS = java.util.Set.of("ttft_ms", "tpot_ms", "e2el_ms");

    private static boolean validSlo(Object value) {
        Map<?, ?> slo = (Map<?, ?>) value;
        return slo.entrySet().stream().allMatch(e -> SLO_METRICS.contains(e.getKey().toString()) && positiveNumber(e.getValue()));
    }

    /** Camel resolves only these two tokens in a done-file name; without one, every dataset would wait for one shared file. */
    private static boolean validDoneFile(Object value) {
        String name = value.toString();
        String withoutTokens = name.replace("${file:name.noext}", "").replace("${file:name}", "");
        return !withoutTokens.equals(name) && !withoutTokens.contains("$") && !withoutTokens.contains("/")
                && !name.endsWith(".jsonl") && !withoutTokens.isEmpty();
    }

    private static Rule destination() {
        return new Rule(v -> v.toString().matches("[A-Za-z0-9._-]+"), "a queue or topic name of letters, digits, '.', '_' or '-'");
    }

    private static boolean validRequirements(Object value) {
        Map<?, ?> requires = (Map<?, ?>) value;
        return requires.entrySet().stream()
                .allMatch(e -> REQUIREMENTS.contains(e.getKey().toString()) && !String.valueOf(e.getValue()).isBlank());
    }

    private static boolean positiveNumber(Object text) {
        try {
            double number = Double.parseDouble(text.toString());
            return Double.isFinite(number) && number > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private record Rule(Predicate<Object> test, String text) {
    }

    private static Rule atLeast(int min) {
        return new Rule(v -> ((Number) v).longValue() >= min, ">= " + min);
    }

    private static Rule nonBlank() {
        return new Rule(v -> !v.toString().isBlank(), "a non-empty value");
    }

    /** Reading the distribution is the check: it fails with the precise reason (unknown type, bad alpha). */
    @SuppressWarnings("unchecked")
    private static Rule validDistribution() {
        return new Rule(v -> AdapterDistribution.fromConfig((Map<String, String>) v) != null, "a valid adapter distribution");
    }

    private static Rule any() {
        return new Rule(v -> true, "any value");
    }
}
