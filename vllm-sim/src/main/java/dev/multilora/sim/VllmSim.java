package dev.multilora.sim;

import dev.multilora.sim.adapter.Adapter;
import dev.multilora.sim.adapter.AdapterInspector;
import dev.multilora.sim.adapter.AdapterLoadException;
import dev.multilora.sim.adapter.AdapterRegistry;
import dev.multilora.sim.cli.Dialect;
import dev.multilora.sim.cli.LoraModuleSpec;
import dev.multilora.sim.cli.ParentWatchdog;
import dev.multilora.sim.cli.ServeConfig;
import dev.multilora.sim.cli.SimCommandLine;
import dev.multilora.sim.cli.StartupFailure;
import dev.multilora.sim.engine.Engine;
import dev.multilora.sim.http.Readiness;
import dev.multilora.sim.http.SimHttpServer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/vllm-sim [--sim-dialect vllm|llamacpp|sglang|tgi] FLAGS}: a stand-in for vLLM's OpenAI
 * server (or llama-server, SGLang or TGI) that starts, fails and answers like that engine, driven by a
 * simulated multi-LoRA serving engine.
 */
public final class VllmSim {

    private static final Logger LOG = LoggerFactory.getLogger(VllmSim.class);

    private VllmSim() {
    }

    /** A started stand-in. */
    public record Running(ServeConfig config, SimHttpServer server, Engine engine) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            engine.close();
        }
    }

    public static void main(String[] args) {
        try {
            ParentWatchdog.start(() -> {
                LOG.warn("Parent process is gone; shutting down.");
                Runtime.getRuntime().halt(0);
            });
            Running running = launch(args, System.getenv());
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "shutdown"));
        } catch (StartupFailure failure) {
            System.err.println(failure.getMessage());
            System.exit(failure.exitCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    /**
     * Parses the command line and starts serving; returns once start-up is over. llama-server and
     * SGLang listen from the start and say they are loading; vLLM and TGI open their port only when ready.
     */
    public static Running launch(String[] args, Map<String, String> environment)
            throws StartupFailure, InterruptedException {
        ServeConfig config = SimCommandLine.parse(args, environment);
        if (!config.ignoredArguments().isEmpty()) {
            LOG.warn("UNRECOGNIZED ARGUMENTS (vllm-sim ignores them; real vLLM would refuse them; listed at "
                    + "GET /sim/info): {}", String.join(" ", config.ignoredArguments()));
        }
        boolean runtimeLoraUpdating = config.dialect() == Dialect.VLLM && runtimeLoraUpdating(environment);
        Engine engine = new Engine(config.engine());
        AdapterRegistry adapters = new AdapterRegistry();
        Readiness readiness = new Readiness();
        boolean listensWhileLoading = config.dialect() == Dialect.LLAMACPP || config.dialect() == Dialect.SGLANG;
        SimHttpServer server = null;
        try {
            logStarting(config);
            if (listensWhileLoading) {
                server = startServer(config, engine, adapters, runtimeLoraUpdating, readiness);
                logListening(config);
            }
            if (config.loadDelaySeconds() > 0) {
                LOG.info("Loading model weights (simulated, {} s)", config.loadDelaySeconds());
                Thread.sleep((long) (config.loadDelaySeconds() * 1000));
            }
            registerStaticAdapters(config, adapters);
            adapters.all().forEach(registered -> engine.loadIntoCpuCache(registered.adapter().name()));
            engine.start();
            if (runtimeLoraUpdating) {
                LOG.warn("LoRA dynamic loading & unloading is enabled in the API server. "
                        + "This should ONLY be used for local development!");
            }
            if (!listensWhileLoading) {
                server = startServer(config, engine, adapters, runtimeLoraUpdating, readiness);
            }
            readiness.ready();
            logReady(config);
            return new Running(config, server, engine);
        } catch (StartupFailure | InterruptedException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            engine.close();
            throw e;
        }
    }

    private static void logStarting(ServeConfig config) {
        switch (config.dialect()) {
            case VLLM -> LOG.info("vLLM API server version {} (vllm-sim) serving {}", SimHttpServer.VERSION,
                    config.model());
            case LLAMACPP -> LOG.info("build: b9186-sim (vllm-sim as llama-server), model {}", config.model());
            case SGLANG -> LOG.info("server_args=ServerArgs(model_path='{}', ...) (vllm-sim as sglang.launch_server)",
                    config.model());
            case TGI -> LOG.info("Args { model_id: \"{}\", ... } (vllm-sim as text-generation-launcher)",
                    config.model());
        }
    }

    private static void logListening(ServeConfig config) {
        if (config.dialect() == Dialect.LLAMACPP) {
            LOG.info("main: HTTP server is listening, hostname: {}, port: {}", config.host(), config.port());
            LOG.info("main: loading model");
        } else {
            LOG.info("Uvicorn running on http://{}:{} (Press CTRL+C to quit)", config.host(), config.port());
        }
    }

    private static void logReady(ServeConfig config) {
        switch (config.dialect()) {
            case VLLM -> LOG.info("Starting vLLM API server 0 on http://{}:{}", config.host(), config.port());
            case LLAMACPP -> LOG.info("main: server is listening on http://{}:{} - starting the main loop",
                    config.host(), config.port());
            case SGLANG -> LOG.info("The server is fired up and ready to roll!");
            case TGI -> LOG.info("Connected");
        }
    }

    /** Each engine loads its static adapters after the weights, and any bad adapter ends start-up. */
    private static void registerStaticAdapters(ServeConfig config, AdapterRegistry adapters) throws StartupFailure {
        AdapterInspector inspector = new AdapterInspector(config.maxLoraRank());
        for (LoraModuleSpec module : config.loraModules()) {
            String parent = module.baseModelName() != null
                    && config.servedModelNames().contains(module.baseModelName())
                    ? module.baseModelName()
                    : config.servedModelNames().get(0);
            try {
                Adapter adapter = config.dialect() == Dialect.LLAMACPP
                        ? inspector.inspectGgufOrDirectory(module.name(), module.path(), parent)
                        : inspector.inspect(module.name(), module.path(), parent);
                adapters.add(adapter);
                LOG.info("Loaded new LoRA adapter: name '{}', path '{}'", adapter.name(), adapter.path());
            } catch (AdapterLoadException e) {
                throw switch (config.dialect()) {
                    case VLLM -> StartupFailure.valueError(e.getMessage());
                    case LLAMACPP -> StartupFailure.of("common_init_from_params: failed to load lora adapter '"
                            + module.path() + "' (" + e.getMessage() + ")\nmain: exiting due to model loading error", 1);
                    case SGLANG -> StartupFailure.of("ValueError: " + e.getMessage(), 1);
                    case TGI -> StartupFailure.of("Error: ShardCannotStart (" + e.getMessage() + ")", 1);
                };
            }
        }
    }

    private static SimHttpServer startServer(ServeConfig config, Engine engine, AdapterRegistry adapters,
            boolean runtimeLoraUpdating, Readiness readiness) throws StartupFailure, InterruptedException {
        try {
            return SimHttpServer.start(config, engine, adapters, runtimeLoraUpdating, readiness);
        } catch (ExecutionException e) {
            throw StartupFailure.osError("could not bind on " + config.host() + ":" + config.port() + ": "
                    + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw StartupFailure.osError("timed out binding " + config.host() + ":" + config.port());
        }
    }

    private static boolean runtimeLoraUpdating(Map<String, String> environment) {
        String value = environment.getOrDefault("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "").toLowerCase(Locale.ROOT);
        return value.equals("1") || value.equals("true");
    }
}
