package dev.multilora.sim;

import dev.multilora.sim.adapter.Adapter;
import dev.multilora.sim.adapter.AdapterInspector;
import dev.multilora.sim.adapter.AdapterLoadException;
import dev.multilora.sim.adapter.AdapterRegistry;
import dev.multilora.sim.cli.LoraModuleSpec;
import dev.multilora.sim.cli.ParentWatchdog;
import dev.multilora.sim.cli.SimCommandLine;
import dev.multilora.sim.cli.ServeConfig;
import dev.multilora.sim.cli.StartupFailure;
import dev.multilora.sim.engine.Engine;
import dev.multilora.sim.http.SimHttpServer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/vllm-sim serve MODEL [flags]}: a stand-in for vLLM's OpenAI server that starts,
 * fails and answers like vLLM, driven by a simulated multi-LoRA serving engine.
 */
public final class VllmSim {

    private static final Logger LOG = LoggerFactory.getLogger(VllmSim.class);

    private VllmSim() {
    }

    public static void main(String[] args) {
        try {
            serve(args, System.getenv());
        } catch (StartupFailure failure) {
            System.err.println(failure.getMessage());
            System.exit(failure.exitCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    private static void serve(String[] args, Map<String, String> environment)
            throws StartupFailure, InterruptedException {
        ServeConfig config = SimCommandLine.parse(args, environment);
        ParentWatchdog.start(() -> {
            LOG.warn("Parent process is gone; shutting down.");
            Runtime.getRuntime().halt(0);
        });
        if (!config.ignoredArguments().isEmpty()) {
            LOG.warn("vllm-sim ignores arguments it does not simulate: {}", String.join(" ", config.ignoredArguments()));
        }
        LOG.info("vLLM API server version {} (vllm-sim) serving {}", SimHttpServer.VERSION, config.model());
        if (config.loadDelaySeconds() > 0) {
            LOG.info("Loading model weights (simulated, {} s)", config.loadDelaySeconds());
            Thread.sleep((long) (config.loadDelaySeconds() * 1000));
        }
        AdapterRegistry adapters = registerStaticAdapters(config);
        Engine engine = new Engine(config.engine());
        adapters.all().forEach(registered -> engine.loadIntoCpuCache(registered.adapter().name()));
        engine.start();
        boolean runtimeLoraUpdating = runtimeLoraUpdating(environment);
        if (runtimeLoraUpdating) {
            LOG.warn("LoRA dynamic loading & unloading is enabled in the API server. "
                    + "This should ONLY be used for local development!");
        }
        SimHttpServer server = startServer(config, engine, adapters, runtimeLoraUpdating);
        LOG.info("Starting vLLM API server 0 on http://{}:{}", config.host(), config.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            engine.close();
        }, "shutdown"));
    }

    /** vLLM loads --lora-modules after the weights, and any bad adapter ends start-up. */
    private static AdapterRegistry registerStaticAdapters(ServeConfig config) throws StartupFailure {
        AdapterInspector inspector = new AdapterInspector(config.maxLoraRank());
        AdapterRegistry adapters = new AdapterRegistry();
        for (LoraModuleSpec module : config.loraModules()) {
            String parent = module.baseModelName() != null
                    && config.servedModelNames().contains(module.baseModelName())
                    ? module.baseModelName()
                    : config.servedModelNames().get(0);
            try {
                Adapter adapter = inspector.inspect(module.name(), module.path(), parent);
                adapters.add(adapter);
                LOG.info("Loaded new LoRA adapter: name '{}', path '{}'", adapter.name(), adapter.path());
            } catch (AdapterLoadException e) {
                throw StartupFailure.valueError(e.getMessage());
            }
        }
        return adapters;
    }

    private static SimHttpServer startServer(ServeConfig config, Engine engine, AdapterRegistry adapters,
            boolean runtimeLoraUpdating) throws StartupFailure, InterruptedException {
        try {
            return SimHttpServer.start(config, engine, adapters, runtimeLoraUpdating);
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
