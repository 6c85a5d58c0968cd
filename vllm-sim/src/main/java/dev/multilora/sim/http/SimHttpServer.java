package dev.multilora.sim.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.sim.adapter.AdapterInspector;
import dev.multilora.sim.adapter.AdapterRegistry;
import dev.multilora.sim.cli.DialectSettings;
import dev.multilora.sim.cli.ServeConfig;
import dev.multilora.sim.engine.Engine;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP front end in the configured dialect: one server instance per event loop, sharing the port.
 */
public final class SimHttpServer implements AutoCloseable {

    /** The vLLM release whose API the stand-in follows, marked as a simulation (PEP 440 local label). */
    public static final String VERSION = "0.13.0+sim";

    private final Vertx vertx;

    private SimHttpServer(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Binds and serves until closed.
     *
     * @param runtimeLoraUpdating whether VLLM_ALLOW_RUNTIME_LORA_UPDATING enables the load/unload routes
     * @throws ExecutionException when the port cannot be bound
     */
    public static SimHttpServer start(ServeConfig config, Engine engine, AdapterRegistry adapters,
            boolean runtimeLoraUpdating, Readiness readiness)
            throws ExecutionException, InterruptedException, TimeoutException {
        Handler<HttpServerRequest> router = switch (config.dialect()) {
            case VLLM -> vllmRouter(config, engine, adapters, runtimeLoraUpdating);
            case LLAMACPP -> llamaCppRouter(config, engine, adapters, readiness);
            case SGLANG -> sglangRouter(config, engine, adapters, readiness);
            case TGI -> tgiRouter(config, engine, adapters);
        };
        int eventLoops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setTcpNoDelay(true)
                .setAcceptBacklog(8192)
                .setIdleTimeout(0);
        try {
            vertx.deployVerticle(() -> new AbstractVerticle() {
                @Override
                public void start(Promise<Void> started) {
                    vertx.createHttpServer(options).requestHandler(router).listen()
                            .<Void>mapEmpty().onComplete(started);
                }
            }, new DeploymentOptions().setInstances(eventLoops))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            vertx.close();
            throw e;
        }
        return new SimHttpServer(vertx);
    }

    private static ApiRouter vllmRouter(ServeConfig config, Engine engine, AdapterRegistry adapters,
            boolean runtimeLoraUpdating) {
        ObjectMapper json = new ObjectMapper();
        CompletionJson completionJson = new CompletionJson(json.getFactory(), ErrorStyle.VLLM);
        Replies replies = new Replies(completionJson, ErrorStyle.VLLM);
        ServedModel model = new ServedModel(config.model(), config.servedModelNames(), config.maxModelLen());
        CompletionsHandler completions = new CompletionsHandler(
                settings(config, model, StreamingReply.Style.OPENAI), new VllmRules(model, adapters), engine,
                new CompletionParamsParser(json, model.maxModelLen()), completionJson, replies);
        LoraAdminHandler loraAdmin = runtimeLoraUpdating
                ? new LoraAdminHandler(json, config.enableLora(), model.primaryName(),
                        new AdapterInspector(config.maxLoraRank()), adapters, engine, replies)
                : null;
        return new ApiRouter(
                ApiKeys.vllm(config.apiKeys()),
                replies,
                completions,
                new ModelsHandler(json, model, adapters, replies),
                new MetricsHandler(engine.metrics(), model.primaryName(), config.enableLora(),
                        config.engine().maxLoras(), config.engine().kvCacheTokens()),
                loraAdmin,
                engine::isAlive,
                SimInfo.body(json, config.dialect().label(), config.ignoredArguments(), VERSION));
    }

    private static LlamaCppRouter llamaCppRouter(ServeConfig config, Engine engine, AdapterRegistry adapters,
            Readiness readiness) {
        DialectSettings.LlamaCpp settings = (DialectSettings.LlamaCpp) config.settings();
        ObjectMapper json = new ObjectMapper();
        CompletionJson completionJson = new CompletionJson(json.getFactory(), ErrorStyle.LLAMACPP);
        Replies replies = new Replies(completionJson, ErrorStyle.LLAMACPP);
        ServedModel model = new ServedModel(config.model(), config.servedModelNames(), config.maxModelLen());
        LoraScales scales = new LoraScales(settings.initialScales());
        // -n: the default length; include_usage does not apply, /v1/completions always ends with usage
        CompletionsHandler completions = new CompletionsHandler(
                settings(config, model, new StreamingReply.Style(true, true)),
                new LlamaCppRules(adapters, scales, model), engine,
                new CompletionParamsParser(json, model.maxModelLen(), settings.defaultPredict() > 0 ? settings.defaultPredict() : -1,
                        false, true),
                completionJson, replies);
        return new LlamaCppRouter(readiness, ApiKeys.llamaCpp(config.apiKeys()), replies, completions,
                new LlamaCppEndpoints(json, model, adapters, scales, settings.slots(), settings.defaultPredict(),
                        replies),
                settings.metrics() ? new LlamaCppMetricsHandler(engine.metrics()) : null,
                SimInfo.body(json, config.dialect().label(), config.ignoredArguments(), LlamaCppEndpoints.BUILD_INFO),
                engine::isAlive);
    }

    private static SglangRouter sglangRouter(ServeConfig config, Engine engine, AdapterRegistry adapters,
            Readiness readiness) {
        DialectSettings.Sglang settings = (DialectSettings.Sglang) config.settings();
        ObjectMapper json = new ObjectMapper();
        CompletionJson completionJson = new CompletionJson(json.getFactory(), ErrorStyle.SGLANG);
        Replies replies = new Replies(completionJson, ErrorStyle.SGLANG);
        String servedName = config.servedModelNames().get(0);
        // SGLang's base card has the served name as its root (http_server.py available_models)
        ServedModel model = new ServedModel(servedName, config.servedModelNames(), config.maxModelLen());
        // StreamOptions.include_usage defaults to false in SGLang's protocol
        CompletionsHandler completions = new CompletionsHandler(
                settings(config, model, StreamingReply.Style.OPENAI),
                new SglangRules(model, adapters, config.enableLora()), engine,
                new CompletionParamsParser(json, model.maxModelLen(), CompletionParamsParser.DEFAULT_MAX_TOKENS, false, false),
                completionJson, replies);
        return new SglangRouter(readiness, ApiKeys.sglang(config.apiKeys()), replies, completions,
                new ModelsHandler(json, model, adapters, replies, "sglang", false),
                new SglangEndpoints(json, config, adapters, replies),
                settings.metrics() ? new SglangMetricsHandler(engine.metrics(), servedName, config.enableLora(),
                        settings.maxLorasPerBatch()) : null,
                SimInfo.body(json, config.dialect().label(), config.ignoredArguments(), SglangEndpoints.VERSION),
                engine::isAlive);
    }

    private static TgiRouter tgiRouter(ServeConfig config, Engine engine, AdapterRegistry adapters) {
        DialectSettings.Tgi settings = (DialectSettings.Tgi) config.settings();
        ObjectMapper json = new ObjectMapper();
        CompletionJson completionJson = new CompletionJson(json.getFactory(), ErrorStyle.TGI);
        Replies replies = new Replies(completionJson, ErrorStyle.TGI);
        ServedModel model = new ServedModel(config.model(), config.servedModelNames(), settings.maxTotalTokens());
        // no max_tokens: generate until --max-total-tokens is full (max_new_tokens None in validation.rs)
        CompletionsHandler completions = new CompletionsHandler(
                settings(config, model, StreamingReply.Style.TGI),
                new TgiRules(model, adapters, settings.maxInputTokens()), engine,
                new CompletionParamsParser(json, model.maxModelLen(), -1, false, true),
                completionJson, replies);
        return new TgiRouter(replies, completions, new TgiEndpoints(json, config, replies),
                new TgiMetricsHandler(engine.metrics()),
                SimInfo.body(json, config.dialect().label(), config.ignoredArguments(), TgiEndpoints.VERSION),
                engine::isAlive, settings.maxConcurrentRequests());
    }

    private static CompletionsHandler.Settings settings(ServeConfig config, ServedModel model,
            StreamingReply.Style streams) {
        return new CompletionsHandler.Settings(model, config.seed(), config.eosProbability(), config.echoRequestId(),
                streams);
    }

    @Override
    public void close() {
        vertx.close();
    }
}
