package dev.multilora.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.multilora.config.Setting;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.run.PlannedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's own warm-up, before the clock starts: its first requests pay for class loading, JIT
 * compilation and thread start-up, which would otherwise land in the first measured requests' TTFT
 * and E2EL and in the cold-adapter penalty, and the JIT's work would be counted as the client's CPU
 * per request. The rehearsal runs the very same route and code against a local replay of a vLLM
 * response on 127.0.0.1 (the JDK's own HTTP server), so the server's GPU never spends a cycle on it:
 * the run's own planned requests (their prompts read from the dataset, their adapters), recorded as
 * measured ones are. It goes in rounds until a round leaves the JIT with next to nothing to compile
 * ({@link RehearsalRounds}), and only then is the run's first request sent.
 */
public final class ClientRehearsal {
    static {
        // Without TCP_NODELAY the JDK server holds the stream's last chunk until the client's delayed
        // ACK (40 ms on Linux), so each rehearsed request slept 40 ms (500 at concurrency 1: 20 s)
        // instead of exercising the client. Read once per JVM, when its first JDK HttpServer starts.
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    /**
     * Content events of the replayed stream: as many as the run asks for (generation.max_tokens),
     * within bounds, so the stream reader's loop is compiled before the clock starts rather than by
     * the JIT during the measured requests (where it took 40% of the client's CPU at 64 tokens).
     */
    private static final int MIN_EVENTS = 16;
    private static final int MAX_EVENTS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(ClientRehearsal.class);

    private HttpServer replay;
    private ExecutorService replayThreads;
    private byte[] streamed;
    private byte[] whole;
    private List<PlannedRequest> round;
    private RehearsalRounds rounds;
    private long startNanos;

    /**
     * Starts the replay and gives the first round of requests to rehearse:
     * benchmark.client_warmup_requests of the plan's own; null when that is 0.
     */
    public synchronized List<PlannedRequest> begin(BenchmarkRun run, List<PlannedRequest> plan) throws IOException {
        int count = run.config().integer(Setting.CLIENT_WARMUP_REQUESTS);
        if (count == 0 || plan.isEmpty()) {
            return null;
        }
        int events = Math.max(MIN_EVENTS, Math.min(MAX_EVENTS, run.config().integer(Setting.MAX_TOKENS)));
        boolean chat = run.chat();
        streamed = (chat ? chatSse(events) : sse(events)).getBytes(StandardCharsets.UTF_8);
        whole = (chat ? chatJson(events) : json(events)).getBytes(StandardCharsets.UTF_8);
        replay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        replayThreads = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "client-rehearsal");
            thread.setDaemon(true);
            return thread;
        });
        replay.setExecutor(replayThreads);
        replay.createContext(BenchmarkRun.completionsPath(run.config()), this::answer);
        replay.start();
        round = rehearsed(plan, count);
        rounds = RehearsalRounds.ofThisJvm(run.config().integer(Setting.CLIENT_WARMUP_ROUNDS));
        rounds.start();
        startNanos = System.nanoTime();
        return round;
    }

    /** Another round while the last one kept the JIT compiling ({@link RehearsalRounds}); null once the client is warm. */
    public synchronized List<PlannedRequest> nextRound() {
        boolean another = rounds.another();
        LOG.debug("client rehearsal round {}: the JIT compiled for {}% of it", rounds.rounds(), Math.round(100 * rounds.lastCompileShare()));
        if (another) {
            rounds.start();
            return round;
        }
        LOG.info("client warmed up on {} requests in {} round{} ({} s) against its local replay", rounds.rounds() * round.size(),
                rounds.rounds(), rounds.rounds() == 1 ? "" : "s", String.format("%.1f", (System.nanoTime() - startNanos) / 1e9));
        return null;
    }

    /**
     * The plan's first requests, cycled to {@code count}: the same prompts (each read from the dataset
     * when taken, as a measured one is), adapters and invalid lines, numbered for the rehearsal and
     * due at once.
     */
    static List<PlannedRequest> rehearsed(List<PlannedRequest> plan, int count) {
        int cycle = Math.min(plan.size(), count);
        return new AbstractList<>() {
            @Override
            public PlannedRequest get(int index) {
                PlannedRequest planned = plan.get(Objects.checkIndex(index, count) % cycle);
                return new PlannedRequest(index + 1, planned.lineNumber(), planned.prompt(), planned.adapterName(), planned.problem(),
                        planned.maxTokens(), null, planned.messages());
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    /** The run's completions endpoint, with the same options, pointed at the replay; the run's own servers when there is nothing to rehearse. */
    public synchronized ServerEndpoints endpoints(BenchmarkRun run) {
        if (replay == null) {
            return run.endpoints();
        }
        String replayUrl = "http://127.0.0.1:" + replay.getAddress().getPort();
        ServerEndpoints.Endpoint first = run.endpoints().all().get(0);
        return ServerEndpoints.single(replayUrl, first.uri().replace(first.baseUrl(), replayUrl));
    }

    public synchronized void end() {
        if (replay != null) {
            replay.stop(0);
            replayThreads.shutdownNow();
            replay = null;
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean stream = request.contains("\"stream\":true");
            exchange.getResponseHeaders().set("Content-Type", stream ? "text/event-stream" : "application/json");
            exchange.sendResponseHeaders(200, stream ? 0 : whole.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (stream) {
                    writeEventByEvent(out);
                } else {
                    out.write(whole);
                }
            }
        }
    }

    /**
     * One chunk per event, flushed, as a server streams tokens: the client's read path for events
     * that arrive one at a time (a read that finds nothing yet, then waits) is compiled here too,
     * not during the measured requests.
     */
    private void writeEventByEvent(OutputStream out) throws IOException {
        for (int from = 0, end; from < streamed.length; from = end) {
            end = eventEnd(from);
            out.write(streamed, from, end - from);
            out.flush();
        }
    }

    private int eventEnd(int from) {
        for (int i = from; i + 1 < streamed.length; i++) {
            if (streamed[i] == '\n' && streamed[i + 1] == '\n') {
                return i + 2;
            }
        }
        return streamed.length;
    }

    static String sse(int events) {
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < events; i++) {
            stream.append("data: {\"id\":\"cmpl-rehearsal\",\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\" token\","
                    + "\"logprobs\":null,\"finish_reason\":").append(i == events - 1 ? "\"length\"" : "null").append("}]}\n\n");
        }
        stream.append("data: {\"id\":\"cmpl-rehearsal\",\"object\":\"text_completion\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,")
                .append("\"completion_tokens\":").append(events).append(",\"total_tokens\":").append(events + 3).append("}}\n\n");
        return stream.append("data: [DONE]\n\n").toString();
    }

    /** vLLM's chat stream: the role chunk, then content deltas (the last with its finish reason), usage, [DONE]. */
    static String chatSse(int events) {
        String start = "data: {\"id\":\"chatcmpl-rehearsal\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"m\",";
        StringBuilder stream = new StringBuilder(start)
                .append("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,")
                .append("\"finish_reason\":null}]}\n\n");
        for (int i = 0; i < events; i++) {
            stream.append(start).append("\"choices\":[{\"index\":0,\"delta\":{\"content\":\" token\"},\"logprobs\":null,")
                    .append("\"finish_reason\":").append(i == events - 1 ? "\"length\"" : "null").append("}]}\n\n");
        }
        stream.append(start).append("\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":").append(events)
                .append(",\"total_tokens\":").append(events + 3).append("}}\n\n");
        return stream.append("data: [DONE]\n\n").toString();
    }

    static String chatJson(int events) {
        return "{\"id\":\"chatcmpl-rehearsal\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + " token".repeat(events) + "\"},\"logprobs\":null,"
                + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":" + events
                + ",\"total_tokens\":" + (events + 3) + "}}";
    }

    static String json(int events) {
        return "{\"id\":\"cmpl-rehearsal\",\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\"" + " token".repeat(events)
                + "\",\"logprobs\":null,\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":" + events
                + ",\"total_tokens\":" + (events + 3) + "}}";
    }
}
