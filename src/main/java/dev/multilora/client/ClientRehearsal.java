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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The client's own warm-up, before the clock starts: its first requests pay for class loading, JIT
 * compilation and thread start-up, which would otherwise land in the first measured requests' TTFT
 * and E2EL and in the cold-adapter penalty. The rehearsal runs the very same route and code against
 * a local replay of a vLLM response on 127.0.0.1 (the JDK's own HTTP server), so the server's GPU
 * never spends a cycle on it, and only then is the run's first request sent.
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

    private HttpServer replay;
    private ExecutorService replayThreads;
    private byte[] streamed;
    private byte[] whole;

    /** Starts the replay and gives the requests to rehearse; none when benchmark.client_warmup_requests is 0. */
    public synchronized List<PlannedRequest> begin(BenchmarkRun run) throws IOException {
        int count = run.config().integer(Setting.CLIENT_WARMUP_REQUESTS);
        if (count == 0) {
            return List.of();
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
        String model = run.config().string(Setting.MODEL_NAME);
        return Collections.nCopies(count, new PlannedRequest(null, 0, "client warm-up", model, null, null, null));
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
