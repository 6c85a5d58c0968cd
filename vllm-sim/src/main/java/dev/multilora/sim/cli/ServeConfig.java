package dev.multilora.sim.cli;

import dev.multilora.sim.engine.EngineConfig;
import java.util.List;

/**
 * A validated command line, in any dialect.
 *
 * @param servedModelNames never empty; the first is the name responses and metrics use
 * @param apiKeys          empty when requests need no key
 * @param maxLoraRank      the largest adapter rank start-up accepts
 * @param maxModelLen      the longest prompt + output a request may have (llama-server: a slot's context)
 * @param ignoredArguments flags the stand-in does not know, accepted with a warning (vLLM only; the
 *                         other dialects refuse them)
 * @param settings         what only this dialect has
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
        List<String> ignoredArguments,
        DialectSettings settings) {

    public Dialect dialect() {
        return settings.dialect();
    }
}
