package dev.multilora.sim.http;

import dev.multilora.sim.adapter.Adapter;
import dev.multilora.sim.adapter.AdapterRegistry;
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
 * POST /v1/completions and /v1/chat/completions: validates as vLLM does, then hands the request to
 * the engine. Both run alike; only the body read and the JSON written differ.
 */
final class CompletionsHandler {

    /** What the handler needs from the server configuration. */
    record Settings(ServedModel model, long seed, double eosProbability, boolean echoRequestId) {
    }

    private final Settings settings;
    private final AdapterRegistry adapters;
    private final Engine engine;
    private final CompletionParamsParser parser;
    private final CompletionJson json;
    private final Replies replies;

    CompletionsHandler(Settings settings, AdapterRegistry adapters, Engine engine, CompletionParamsParser parser,
            CompletionJson json, Replies replies) {
        this.settings = settings;
        this.adapters = adapters;
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
        ServedModel model = settings.model();
        Adapter adapter = null;
        if (!model.isBase(params.model())) {
            adapter = adapters.find(params.model());
            if (adapter == null) {
                throw ApiError.notFound("The model `" + params.model() + "` does not exist.", "model");
            }
        }
        checkContextLength(params, model.maxModelLen());
        String responseModel = adapter == null ? model.primaryName() : adapter.name();
        long seed = RequestSeed.of(params.seed() == null ? settings.seed() : params.seed(),
                responseModel, params.promptKey(), params.maxTokens());
        OutputPlan plan = OutputPlan.draw(
                seed, params.maxTokens(), params.minTokens(), params.ignoreEos(), settings.eosProbability());
        Completion completion = new Completion(
                new CompletionJson.Header(completionId(chat ? "chatcmpl-" : "cmpl-", requestId), System.currentTimeMillis() / 1000,
                        responseModel, chat),
                params.promptTokens(), plan, new CompletionText(seed, plan));
        Context context = Vertx.currentContext();
        HttpServerResponse response = request.response();
        ProgressListener reply = params.stream()
                ? new StreamingReply(context, response, json, completion, params.includeUsage(),
                        params.continuousUsage())
                : new NonStreamingReply(context, response, json, completion);
        SimRequest simRequest = new SimRequest(
                adapter == null ? null : adapter.name(), params.promptTokens(), plan.tokens(), reply);
        response.closeHandler(closed -> simRequest.cancel());
        engine.submit(simRequest);
    }

    private static void checkContextLength(CompletionParams params, int maxModelLen) throws ApiError {
        if (params.promptTokens() > maxModelLen) {
            throw ApiError.badRequest("This model's maximum context length is " + maxModelLen
                    + " tokens. However, your request has " + params.promptTokens()
                    + " input tokens. Please reduce the length of the input messages.", "input_tokens");
        }
        int total = params.promptTokens() + params.maxTokens();
        if (total > maxModelLen) {
            throw ApiError.badRequest("This model's maximum context length is " + maxModelLen
                    + " tokens. However, you requested " + params.maxTokens() + " output tokens and your prompt"
                    + " contains at least " + params.promptTokens() + " input tokens, for a total of at least "
                    + total + " tokens. Please reduce the length of the input prompt or the number of requested"
                    + " output tokens.", "max_tokens");
        }
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
