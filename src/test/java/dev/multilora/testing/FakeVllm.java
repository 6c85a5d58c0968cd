package dev.multilora.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that answers /v1/completions and /v1/chat/completions as vLLM does, for route
 * tests (a chat request's prompt, for its answer and its triggers, is its last message's content). It knows a fixed
 * set of models, holds each request for a while so concurrency shows, records what it received and
 * the most requests it ever had in flight. Prompts containing a trigger word get vLLM's error shapes.
 */
public final class FakeVllm implements AutoCloseable {
    static {
        // As uvicorn under vLLM does: without TCP_NODELAY the JDK server's last chunk waits for the
        // client's delayed ACK (40 ms on Linux), which the client would pay before freeing its slot.
        // Read once per JVM, when the first JDK HttpServer starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public static final String FLAT_ERROR = "TRIGGER_FLAT_ERROR";
    public static final String UNAUTHORIZED = "TRIGGER_UNAUTHORIZED";
    public static final String NOT_JSON = "TRIGGER_NOT_JSON";
    /** Holds the request for {@link #SLOW_MILLIS} before answering, to outlast a client timeout. */
    public static final String SLOW = "TRIGGER_SLOW";
    /** 429 Too Many Requests with Retry-After: 1, as a rate-limiting proxy answers. */
    public static final String TOO_MANY = "TRIGGER_429";
    /** 503 Service Unavailable with Retry-After: 1, as an overloaded server answers. */
    public static final String UNAVAILABLE = "TRIGGER_503";
    /** A 200 stream that sends only an SSE comment every {@link #TRICKLE_GAP_MILLIS}, for {@link #TRICKLE_MILLIS}. */
    public static final String TRICKLE = "TRIGGER_TRICKLE";
    /** A 200 stream closed after two content events: no usage, no finish reason, no [DONE]. */
    public static final String EARLY_CLOSE = "TRIGGER_EARLY_CLOSE";
    /** A 200 stream carrying an older vLLM's flat error event, then [DONE]. */
    public static final String STREAM_FLAT_ERROR = "TRIGGER_STREAM_FLAT_ERROR";
    static final long TRICKLE_GAP_MILLIS = 200;
    static final long TRICKLE_MILLIS = 15_000;
    static final long SLOW_MILLIS = 3000;
    static final long EVENT_GAP_MILLIS = 3;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    /** Threads started up front, so a run's first requests never race the server's thread creation to the handler. */
    private final ExecutorService executor = startedThreads(64);
    private final String baseModel;
    private final Set<String> models;
    private volatile long holdMillis;
    /** When positive, a stream sends exactly this many content events, {@link #eventGapMillis} apart. */
    private volatile int fixedEvents;
    private volatile long eventGapMillis = EVENT_GAP_MILLIS;
    private final java.util.Queue<Visit> visits = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ThreadLocal<Boolean> counted = ThreadLocal.withInitial(() -> false);
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong promptTokens = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong generationTokens = new java.util.concurrent.atomic.AtomicLong();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> arrivals = new CopyOnWriteArrayList<>();
    private volatile boolean servesMetrics = true;
    private final List<Long> trickleHeldMillis = new CopyOnWriteArrayList<>();

    /** One request as the server saw it, and the path it was posted to. */
    public record Received(JsonNode body, String requestIdHeader, String path) {
    }

    /** One /v1/completions request's stay at the server, on the monotonic clock: handler entered, response closed. */
    public record Visit(long arrivedNanos, long finishedNanos) {
    }

    private static ExecutorService startedThreads(int count) {
        ThreadPoolExecutor threads = (ThreadPoolExecutor) Executors.newFixedThreadPool(count);
        threads.prestartAllCoreThreads();
        return threads;
    }

    public FakeVllm(String baseModel, Set<String> adapters, long holdMillis) throws IOException {
        this.baseModel = baseModel;
        this.models = new java.util.HashSet<>(adapters);
        this.models.add(baseModel);
        this.holdMillis = holdMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/v1/completions", exchange -> complete(exchange, false));
        server.createContext("/v1/chat/completions", exchange -> complete(exchange, true));
        server.createContext("/health", exchange -> send(exchange, 200, ""));
        server.createContext("/version", exchange -> send(exchange, 200, "{\"version\":\"0.0.0-fake\"}"));
        server.createContext("/v1/models", this::models);
        server.createContext("/metrics", this::metrics);
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** From now on GET /metrics answers 404, as a server without Prometheus metrics would. */
    public void withoutMetrics() {
        servesMetrics = false;
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /**
     * X-Request-Id of each /v1/completions request in the order its handler started: the order on
     * the wire, as near as the server sees it ({@link #received()} is in the order bodies were read).
     */
    public List<String> arrivalOrder() {
        return List.copyOf(arrivals);
    }

    /** For each trickled request, how long it stayed before the client hung up (or the trickle ran out). */
    public List<Long> trickleHeldMillis() {
        return List.copyOf(trickleHeldMillis);
    }

    /** How many requests carried a prompt containing {@code marker}. */
    public long receivedWithPrompt(String marker) {
        return received.stream().filter(r -> r.body().path("prompt").asText().contains(marker)).count();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** From now on each request is held this long before its response starts. */
    public FakeVllm holdMillis(long millis) {
        holdMillis = millis;
        return this;
    }

    /**
     * From now on a streamed response is exactly {@code events} content events (" t0", " t1", ...),
     * {@code gapMillis} apart, each flushed as it is written, then usage (completion_tokens = events)
     * when asked and [DONE]. The first event follows the hold at once.
     */
    public FakeVllm streamEvents(int events, long gapMillis) {
        fixedEvents = events;
        eventGapMillis = gapMillis;
        return this;
    }

    /** Every finished /v1/completions request's stay, in no particular order. */
    public List<Visit> visits() {
        return List.copyOf(visits);
    }

    /**
     * The time-weighted mean number of requests in flight at this server over the middle of its
     * busy span (first arrival to last finish), leaving out {@code edgeFraction} of the span at each
     * end, where a run ramps up and drains.
     */
    public double meanInFlightOverMiddle(double edgeFraction) {
        List<Visit> all = visits();
        long first = all.stream().mapToLong(Visit::arrivedNanos).min().orElseThrow();
        long last = all.stream().mapToLong(Visit::finishedNanos).max().orElseThrow();
        long from = first + (long) ((last - first) * edgeFraction);
        long to = last - (long) ((last - first) * edgeFraction);
        double busy = 0;
        for (Visit visit : all) {
            busy += Math.max(0, Math.min(to, visit.finishedNanos()) - Math.max(from, visit.arrivedNanos()));
        }
        return busy / (to - from);
    }

    /** The completion tokens this server reports for a prompt: one per word of its answer, at most max_tokens. */
    public static int completionTokens(String prompt, int maxTokens) {
        return Math.min(maxTokens, generatedText(prompt).split(" ").length);
    }

    /** Its answer when not streaming. */
    public static String generatedText(String prompt) {
        return "echo: " + prompt;
    }

    /** Its answer when streaming: the first completionTokens words of the full answer. */
    public static String streamedText(String prompt, int maxTokens) {
        return String.join(" ", List.of(generatedText(prompt).split(" ")).subList(0, completionTokens(prompt, maxTokens)));
    }

    /** vLLM's model list: the base model (the one name without a slash-free adapter twin) and one card per adapter. */
    private void models(HttpExchange exchange) throws IOException {
        List<Map<String, Object>> cards = new java.util.ArrayList<>();
        for (String model : new java.util.TreeSet<>(models)) {
            Map<String, Object> card = new java.util.HashMap<>();
            card.put("id", model);
            card.put("object", "model");
            card.put("root", model.equals(baseModel) ? model : "/adapters/" + model);
            card.put("parent", model.equals(baseModel) ? null : baseModel);
            cards.add(card);
        }
        send(exchange, 200, json.writeValueAsString(Map.of("object", "list", "data", cards)));
    }

    /**
     * vLLM's /metrics as prometheus_client writes it: the scheduler gauges with model_name and engine
     * labels, two lora_requests_info series (the newer one current), and the token counters of
     * every successful completion so far.
     */
    private void metrics(HttpExchange exchange) throws IOException {
        if (!servesMetrics) {
            send(exchange, 404, "{\"detail\":\"Not Found\"}");
            return;
        }
        String labels = "{engine=\"0\",model_name=\"" + baseModel + "\"}";
        String text = "# HELP vllm:num_requests_running Number of requests in model execution batches.\n"
                + "# TYPE vllm:num_requests_running gauge\n"
                + "vllm:num_requests_running" + labels + " " + inFlight.get() + ".0\n"
                + "# TYPE vllm:num_requests_waiting gauge\n"
                + "vllm:num_requests_waiting" + labels + " 0.0\n"
                + "# TYPE vllm:kv_cache_usage_perc gauge\n"
                + "vllm:kv_cache_usage_perc" + labels + " 0.25\n"
                + "# TYPE vllm:lora_requests_info gauge\n"
                + "vllm:lora_requests_info{max_lora=\"2\",running_lora_adapters=\"\",waiting_lora_adapters=\"\"} 1.7e+09\n"
                + "vllm:lora_requests_info{max_lora=\"2\",running_lora_adapters=\"alpha,beta\",waiting_lora_adapters=\"gamma\"} 1.8e+09\n"
                + "# TYPE vllm:prompt_tokens_total counter\n"
                + "vllm:prompt_tokens_total" + labels + " " + promptTokens.get() + ".0\n"
                + "# TYPE vllm:generation_tokens_total counter\n"
                + "vllm:generation_tokens_total" + labels + " " + generationTokens.get() + ".0\n";
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * A request leaves the server's count just before its last bytes are written, as the client
     * frees its slot once it has read them: counting until the handler returns would see the next
     * request arrive while this one is still counted.
     */
    private void leaving() {
        if (counted.get()) {
            counted.set(false);
            inFlight.decrementAndGet();
        }
    }

    private void complete(HttpExchange exchange, boolean chat) throws IOException {
        long arrived = System.nanoTime();
        arrivals.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
        int now = inFlight.incrementAndGet();
        counted.set(true);
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            JsonNode body = json.readTree(exchange.getRequestBody());
            received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Request-Id"),
                    exchange.getRequestURI().getPath()));
            Thread.sleep(holdMillis);
            String model = body.path("model").asText();
            JsonNode messages = body.path("messages");
            String prompt = chat ? messages.path(messages.size() - 1).path("content").asText() : body.path("prompt").asText();
            if (prompt.contains(SLOW)) {
                Thread.sleep(SLOW_MILLIS);
            }
            if (prompt.contains(FLAT_ERROR)) {
                send(exchange, 400, json.writeValueAsString(Map.of("object", "error", "message", "flat error for " + model,
                        "type", "BadRequestError", "code", 400)));
            } else if (prompt.contains(TOO_MANY) || prompt.contains(UNAVAILABLE)) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                int status = prompt.contains(TOO_MANY) ? 429 : 503;
                send(exchange, status, json.writeValueAsString(Map.of("object", "error", "message", "try again later",
                        "type", "ServiceUnavailableError", "code", status)));
            } else if (prompt.contains(TRICKLE)) {
                trickle(exchange, arrived);
            } else if (prompt.contains(EARLY_CLOSE)) {
                startStream(exchange);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (String text : List.of("one", " two")) {
                        event(out, Map.of("id", "cmpl-1", "object", "text_completion", "model", model,
                                "choices", List.of(Map.of("index", 0, "text", text))));
                    }
                    leaving();
                }
            } else if (prompt.contains(STREAM_FLAT_ERROR)) {
                startStream(exchange);
                try (OutputStream out = exchange.getResponseBody()) {
                    event(out, Map.of("object", "error", "message", "flat error inside the stream", "type", "InternalServerError",
                            "code", 500));
                    leaving();
                    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                }
            } else if (prompt.contains(UNAUTHORIZED)) {
                send(exchange, 401, "{\"error\":\"Unauthorized\"}");
            } else if (prompt.contains(NOT_JSON)) {
                send(exchange, 502, "<html>bad gateway</html>");
            } else if (!models.contains(model)) {
                send(exchange, 404, json.writeValueAsString(Map.of("error", Map.of("message",
                        "The model `" + model + "` does not exist.", "type", "NotFoundError", "param", "model", "code", 404))));
            } else if (body.path("stream").asBoolean(false)) {
                countTokens(prompt, body.path("max_tokens").asInt(16));
                stream(exchange, model, prompt, body.path("max_tokens").asInt(16),
                        body.path("stream_options").path("include_usage").asBoolean(false), chat);
            } else {
                countTokens(prompt, body.path("max_tokens").asInt(16));
                int tokens = completionTokens(prompt, body.path("max_tokens").asInt(16));
                Map<String, Object> choice = chat
                        ? Map.of("index", 0, "message", Map.of("role", "assistant", "content", generatedText(prompt)), "finish_reason", "length")
                        : Map.of("index", 0, "text", generatedText(prompt), "finish_reason", "length");
                send(exchange, 200, json.writeValueAsString(Map.of("id", chat ? "chatcmpl-1" : "cmpl-1",
                        "object", chat ? "chat.completion" : "text_completion", "model", model, "choices", List.of(choice),
                        "usage", Map.of("prompt_tokens", 7, "completion_tokens", tokens, "total_tokens", 7 + tokens))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leaving();
            exchange.close();
            visits.add(new Visit(arrived, System.nanoTime()));
        }
    }

    /** Adds a successful completion's usage to the counters /metrics reports. */
    private void countTokens(String prompt, int maxTokens) {
        promptTokens.addAndGet(7);
        generationTokens.addAndGet(completionTokens(prompt, maxTokens));
    }

    /**
     * vLLM's SSE framing: one event per output word (the last event carries two words when the
     * prompt has more than two, to show multi-token events), a usage-only event when asked, [DONE].
     * Events are spaced by {@link #EVENT_GAP_MILLIS} so the client's timestamps can tell them apart.
     * A chat stream is vLLM's: the role chunk with the first token's event, then deltas.
     */
    private void stream(HttpExchange exchange, String model, String prompt, int maxTokens, boolean includeUsage, boolean chat)
            throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        int fixed = fixedEvents;
        long gap = eventGapMillis;
        int tokens = fixed > 0 ? fixed : completionTokens(prompt, maxTokens);
        List<String> pieces = new java.util.ArrayList<>();
        if (fixed > 0) {
            for (int i = 0; i < fixed; i++) {
                pieces.add("t" + i);
            }
        } else {
            pieces.addAll(List.of(streamedText(prompt, maxTokens).split(" ")));
        }
        if (fixed == 0 && pieces.size() > 2) {
            String last = pieces.remove(pieces.size() - 1);
            pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1) + " " + last);
        }
        String object = chat ? "chat.completion.chunk" : "text_completion";
        try (OutputStream out = exchange.getResponseBody()) {
            if (chat) {
                event(out, Map.of("id", "chatcmpl-1", "object", object, "model", model,
                        "choices", List.of(Map.of("index", 0, "delta", Map.of("role", "assistant", "content", "")))));
            }
            for (int i = 0; i < pieces.size(); i++) {
                String text = (i == 0 ? "" : " ") + pieces.get(i);
                event(out, Map.of("id", "cmpl-1", "object", object, "model", model,
                        "choices", List.of(chat ? Map.of("index", 0, "delta", Map.of("content", text)) : Map.of("index", 0, "text", text))));
                if (i < pieces.size() - 1 || fixed == 0) {
                    Thread.sleep(gap);
                }
            }
            if (includeUsage) {
                event(out, Map.of("id", "cmpl-1", "object", object, "model", model, "choices", List.of(),
                        "usage", Map.of("prompt_tokens", 7, "completion_tokens", tokens, "total_tokens", 7 + tokens)));
            }
            leaving();
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
    }

    /** SSE comments only, until the client hangs up: a server that is alive but never answers. */
    private void trickle(HttpExchange exchange, long arrivedNanos) throws IOException, InterruptedException {
        startStream(exchange);
        long until = arrivedNanos + TRICKLE_MILLIS * 1_000_000;
        try (OutputStream out = exchange.getResponseBody()) {
            while (System.nanoTime() < until) {
                out.write(": still working\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(TRICKLE_GAP_MILLIS);
            }
            leaving();
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException hungUp) {
            // the client gave up on the request: what the trickle is there to see
        } finally {
            trickleHeldMillis.add((System.nanoTime() - arrivedNanos) / 1_000_000);
        }
    }

    private void event(OutputStream out, Map<String, Object> payload) throws IOException {
        out.write(("data: " + json.writeValueAsString(payload) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        leaving();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
