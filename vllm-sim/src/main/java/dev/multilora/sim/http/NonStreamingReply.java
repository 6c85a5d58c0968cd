package dev.multilora.sim.http;

import dev.multilora.sim.engine.ProgressListener;
import dev.multilora.sim.engine.SimRequest;
import dev.multilora.sim.engine.SimTiming;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Answers once the engine has finished the request, with the ground truth in x-sim-* headers. */
final class NonStreamingReply implements ProgressListener {

    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence QUEUE = HttpHeaders.createOptimized("x-sim-queue-ms");
    private static final CharSequence LORA_LOAD = HttpHeaders.createOptimized("x-sim-lora-load-ms");
    private static final CharSequence PREFILL = HttpHeaders.createOptimized("x-sim-prefill-ms");
    private static final CharSequence DECODE = HttpHeaders.createOptimized("x-sim-decode-ms");
    private static final CharSequence LORA_SOURCE = HttpHeaders.createOptimized("x-sim-lora-source");
    private static final CharSequence SCHEDULED_AT = HttpHeaders.createOptimized("x-sim-scheduled-at-ms");
    private static final CharSequence FINISHED_AT = HttpHeaders.createOptimized("x-sim-finished-at-ms");
    private static final CharSequence LORA_NAME = HttpHeaders.createOptimized("x-sim-lora-name");

    private final Context context;
    private final HttpServerResponse response;
    private final CompletionJson json;
    private final Completion completion;

    NonStreamingReply(Context context, HttpServerResponse response, CompletionJson json, Completion completion) {
        this.context = context;
        this.response = response;
        this.json = json;
        this.completion = completion;
    }

    @Override
    public void onProgress(SimRequest request) {
        if (request.isFinished()) {
            context.runOnContext(ignored -> send(request.timing()));
        }
    }

    private void send(SimTiming timing) {
        int tokens = completion.plan().tokens();
        MultiMap headers = response.headers();
        headers.set(HttpHeaders.CONTENT_TYPE, JSON);
        headers.set(QUEUE, Millis.format(timing.queueMs()));
        headers.set(LORA_LOAD, Millis.format(timing.loraLoadMs()));
        headers.set(PREFILL, Millis.format(timing.prefillMs()));
        headers.set(DECODE, Millis.format(timing.decodeMs()));
        headers.set(LORA_SOURCE, timing.loraSource().label());
        headers.set(SCHEDULED_AT, Millis.format(timing.scheduledAtMs()));
        headers.set(FINISHED_AT, Millis.format(timing.finishedAtMs()));
        if (completion.loraName() != null) {
            headers.set(LORA_NAME, completion.loraName());
        }
        response.end(json.response(
                completion.header(),
                completion.text().next(tokens),
                completion.plan().finishReason().label(),
                completion.usage(tokens, timing)));
    }
}
