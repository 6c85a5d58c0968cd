package dev.multilora.sim.http;

import dev.multilora.sim.engine.Engine;
import dev.multilora.sim.engine.ProgressListener;
import dev.multilora.sim.engine.SimRequest;
import dev.multilora.sim.text.CompletionText;
import dev.multilora.sim.text.OutputPlan;
import dev.multilora.sim.text.RequestSeed;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.ThreadLocalRandom;

/**
 * POST /v1/completions and /v1/chat/completions: validates as the dialect's engine does, then
 * hands the request to the engine. Both run alike; only the body read and the JSON written differ.
 */
final class CompletionsHandler {

    /**
     * What the handler needs from the server configuration.
     *
     * @param streams how the dialect ends a stream and where it puts usage
     */
    record Settings(ServedModel model, long seed, double eosProbability, boolean echoRequestId,
            StreamingReply.Style streams) {
    }

    private final Settings settings;
    private final CompletionRules rules;
    private final Engine engine;
    private final CompletionParamsParser parser;
    private final CompletionJson json;
    private final Replies replies;

    CompletionsHandler(Settings settings, CompletionRules rules, Engine engine, CompletionParamsParser parser,
            CompletionJson json, Replies replies) {
        this.settings = settings;
        this.rules = rules;
        this.engine = engine;
        this.parser = parser;
        this.json = json;
        this.replies = replies;
    }

    /** @param chat the request came to /v1/chat/completions */
    void handle(HttpServerRequest request, Buffer body, boolean chat) {
        String requestId = request.getHeader("X-Request-Id");
        if (settings.echoRequestId() && requestId != null) {
            request.response().putHeader("X-Request-Id", requestId);
        }
        try {
            submit(request, body, requestId, chat);
        } catch (ApiError error) {
            replies.error(request.response(), error);
        } catch (RuntimeException unexpected) {
            replies.error(request.response(), ApiError.internal(unexpected.toString()));
        }
    }

    private void submit(HttpServerRequest request, Buffer body, String requestId, boolean chat) throws ApiError {
        if (!engine.isAlive()) {
            throw ApiError.internal("EngineCore encountered an issue. See stack trace (above) for the root cause.");
        }
        CompletionParams params = parser.parse(body, chat);
        CompletionRules.Selection selection = rules.select(params);
        int maxTokens = rules.outputLimit(params);
        String seedName = selection.engineName() != null ? selection.engineName() : settings.model().primaryName();
        long seed = RequestSeed.of(params.seed() == null ? settings.seed() : params.seed(),
                seedName, params.promptKey(), maxTokens);
        OutputPlan plan = OutputPlan.draw(
                seed, maxTokens, Math.min(params.minTokens(), maxTokens), params.ignoreEos(), settings.eosProbability());
        Completion completion = new Completion(
                new CompletionJson.Header(completionId(chat ? "chatcmpl-" : "cmpl-", requestId), System.currentTimeMillis() / 1000,
                        selection.responseModel(), chat),
                params.promptTokens(), plan, new CompletionText(seed, plan), selection.engineName());
        Context context = Vertx.currentContext();
        HttpServerResponse response = request.response();
        ProgressListener reply = params.stream()
                ? new StreamingReply(context, request, json, completion, settings.streams(), params.includeUsage(),
                        params.continuousUsage())
                : new NonStreamingReply(context, response, json, completion);
        SimRequest simRequest = new SimRequest(selection.engineName(), selection.adapterCount(),
                params.promptTokens(), plan.tokens(), reply);
        response.closeHandler(closed -> simRequest.cancel());
        engine.submit(simRequest);
    }

    /** vLLM bases the id on X-Request-Id when the client sends one. */
    private static String completionId(String prefix, String requestId) {
        if (requestId != null && !requestId.isEmpty()) {
            return prefix + requestId;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return prefix + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
