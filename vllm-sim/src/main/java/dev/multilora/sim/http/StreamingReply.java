package dev.multilora.sim.http;

import dev.multilora.sim.engine.ProgressListener;
import dev.multilora.sim.engine.SimRequest;
import dev.multilora.sim.engine.SimTiming;
import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streams tokens as server-sent events (a chat stream opens with vLLM's role chunk, sent with the first token's event). The engine only signals progress; one flush at a time is
 * queued on the event loop, and it sends every token produced since the last flush in one event,
 * so a busy event loop coalesces tokens instead of falling behind.
 */
final class StreamingReply implements ProgressListener {

    /**
     * How a dialect's streams differ.
     *
     * @param usageOnFinalChunk the last token event always carries usage (llama-server's /v1/completions)
     *                          instead of a separate usage event when include_usage is on
     * @param closeAfterStream  the connection is closed after [DONE] although the headers say keep-alive,
     *                          as llama-server's cpp-httplib does after a chunked response
     */
    record Style(boolean usageOnFinalChunk, boolean closeAfterStream, boolean roleChunk, boolean tgiUsage) {
        static final Style OPENAI = new Style(false, false);
        /**
         * TGI (router/src/server.rs): no role chunk; usage on the last content chunk, the one with
         * finish_reason, always for /v1/completions and with include_usage for chat; no choices:[] chunk.
         */
        static final Style TGI = new Style(false, false, false, true);

        Style(boolean usageOnFinalChunk, boolean closeAfterStream) {
            this(usageOnFinalChunk, closeAfterStream, true, false);
        }
    }

    private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream; charset=utf-8");

    private final Context context;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final CompletionJson json;
    private final Completion completion;
    private final Style style;
    private final boolean includeUsage;
    private final boolean continuousUsage;
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private int sentTokens;
    private boolean started;
    private boolean ended;

    StreamingReply(Context context, HttpServerRequest request, CompletionJson json, Completion completion,
            Style style, boolean includeUsage, boolean continuousUsage) {
        this.context = context;
        this.request = request;
        this.response = request.response();
        this.json = json;
        this.completion = completion;
        this.style = style;
        this.includeUsage = includeUsage;
        this.continuousUsage = continuousUsage;
    }

    @Override
    public void onProgress(SimRequest simRequest) {
        if (flushQueued.compareAndSet(false, true)) {
            context.runOnContext(ignored -> flush(simRequest));
        }
    }

    private void flush(SimRequest simRequest) {
        flushQueued.set(false);
        if (ended) {
            return;
        }
        // timing before count: once the timing is visible, the count is final
        SimTiming timing = simRequest.timing();
        int generated = simRequest.generatedTokens();
        if (generated > sentTokens || timing != null) {
            if (!started) {
                response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, EVENT_STREAM);
                if (style.closeAfterStream()) {
                    response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.KEEP_ALIVE)
                            .putHeader("Keep-Alive", "timeout=5, max=100");
                }
                if (completion.header().chat() && style.roleChunk()) {
                    // vLLM's chat stream opens with the role, written with the first token's event
                    response.write(json.roleChunk(completion.header()));
                }
                started = true;
            }
            String finishReason = timing == null ? null : completion.plan().finishReason().label();
            CompletionJson.Usage usage = timing != null && usageOnFinalChunk() ? completion.usage(generated, timing)
                    : continuousUsage ? completion.usage(generated, null) : null;
            response.write(json.chunk(completion.header(), completion.text().next(generated), finishReason, usage));
            sentTokens = generated;
        }
        if (timing != null) {
            if (includeUsage && !usageOnFinalChunk()) {
                response.write(json.usageChunk(completion.header(), completion.usage(generated, timing)));
            }
            ended = true;
            if (style.closeAfterStream()) {
                response.end(CompletionJson.DONE_EVENT).onComplete(written -> request.connection().close());
            } else {
                response.end(CompletionJson.DONE_EVENT);
            }
        }
    }

    private boolean usageOnFinalChunk() {
        return style.usageOnFinalChunk() || style.tgiUsage() && (includeUsage || !completion.header().chat());
    }
}
