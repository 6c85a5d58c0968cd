package dev.multilora.sim.cli;

import dev.multilora.sim.engine.EngineConfig;
import java.util.List;

/**
 * A validated {@code vllm serve} command line.
 *
 * @param servedModelNames never empty; the first is the name responses and metrics use
 * @param apiKeys          empty when requests need no key
 * @param ignoredArguments flags the stand-in does not know, accepted with a warning
 */
public record ServeConfig(
        String model,
        List<String> servedModelNames,
        String host,
        int port,
        boolean enableLora,
        List<LoraModuleSpec> loraModules,
        int maxLoraRank,
        int maxModelLen,
        EngineConfig engine,
        List<String> apiKeys,
        long seed,
        boolean echoRequestId,
        double loadDelaySeconds,
        double eosProbability,
        List<String> ignoredArguments) {
}
