package dev.multilora.sim.http;

import dev.multilora.sim.engine.ProgressListener;
import dev.multilora.sim.engine.SimRequest;
import dev.multilora.sim.engine.SimTiming;
import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streams tokens as server-sent events (a chat stream opens with vLLM's role chunk, sent with the first token's event). The engine only signals progress; one flush at a time is
 * queued on the event loop, and it sends every token produced since the last flush in one event,
 * so a busy event loop coalesces tokens instead of falling behind.
 */
final class StreamingReply implements ProgressListener {

    private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream; charset=utf-8");

    private final Context context;
    private final HttpServerResponse response;
    private final CompletionJson json;
    private final Completion completion;
    private final boolean includeUsage;
    private final boolean continuousUsage;
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private int sentTokens;
    private boolean started;
    private boolean ended;

    StreamingReply(Context context, HttpServerResponse response, CompletionJson json, Completion completion,
            boolean includeUsage, boolean continuousUsage) {
        this.context = context;
        this.response = response;
        this.json = json;
        this.completion = completion;
        this.includeUsage = includeUsage;
        this.continuousUsage = continuousUsage;
    }

    @Override
    public void onProgress(SimRequest request) {
        if (flushQueued.compareAndSet(false, true)) {
            context.runOnContext(ignored -> flush(request));
        }
    }

    private void flush(SimRequest request) {
        flushQueued.set(false);
        if (ended) {
            return;
        }
        // timing before count: once the timing is visible, the count is final
        SimTiming timing = request.timing();
        int generated = request.generatedTokens();
        if (generated > sentTokens || timing != null) {
            if (!started) {
                response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, EVENT_STREAM);
                if (completion.header().chat()) {
                    // vLLM's chat stream opens with the role, written with the first token's event
                    response.write(json.roleChunk(completion.header()));
                }
                started = true;
            }
            String finishReason = timing == null ? null : completion.plan().finishReason().label();
            CompletionJson.Usage usage = continuousUsage ? usage(generated, null) : null;
            response.write(json.chunk(completion.header(), completion.text().next(generated), finishReason, usage));
            sentTokens = generated;
        }
        if (timing != null) {
            if (includeUsage) {
                response.write(json.usageChunk(completion.header(), usage(generated, timing)));
            }
            response.end(CompletionJson.DONE_EVENT);
            ended = true;
        }
    }

    private CompletionJson.Usage usage(int generated, SimTiming timing) {
        return new CompletionJson.Usage(completion.promptTokens(), generated, timing);
    }
}
