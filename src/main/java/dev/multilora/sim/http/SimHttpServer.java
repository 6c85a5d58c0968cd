package dev.multilora.sim.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.sim.adapter.AdapterInspector;
import dev.multilora.sim.adapter.AdapterRegistry;
import dev.multilora.sim.cli.ServeConfig;
import dev.multilora.sim.engine.Engine;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The OpenAI-compatible HTTP front end: one server instance per event loop, sharing the port. */
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
            boolean runtimeLoraUpdating) throws ExecutionException, InterruptedException, TimeoutException {
        ApiRouter router = router(config, engine, adapters, runtimeLoraUpdating);
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

    private static ApiRouter router(ServeConfig config, Engine engine, AdapterRegistry adapters,
            boolean runtimeLoraUpdating) {
        ObjectMapper json = new ObjectMapper();
        CompletionJson completionJson = new CompletionJson(json.getFactory());
        Replies replies = new Replies(completionJson);
        ServedModel model = new ServedModel(config.model(), config.servedModelNames(), config.maxModelLen());
        CompletionsHandler completions = new CompletionsHandler(
                new CompletionsHandler.Settings(model, config.seed(), config.eosProbability(), config.echoRequestId()),
                adapters, engine, new CompletionParamsParser(json, model.maxModelLen()), completionJson, replies);
        LoraAdminHandler loraAdmin = runtimeLoraUpdating
                ? new LoraAdminHandler(json, config.enableLora(), model.primaryName(),
                        new AdapterInspector(config.maxLoraRank()), adapters, engine, replies)
                : null;
        return new ApiRouter(
                new ApiKeys(config.apiKeys()),
                replies,
                completions,
                new ModelsHandler(json, model, adapters, replies),
                new MetricsHandler(engine.metrics(), model.primaryName(), config.enableLora(),
                        config.engine().maxLoras(), config.engine().kvCacheTokens()),
                loraAdmin,
                engine::isAlive);
    }

    @Override
    public void close() {
        vertx.close();
    }
}
