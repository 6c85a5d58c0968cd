package dev.multilora.sim.cli;

import dev.multilora.sim.engine.Batching;
import dev.multilora.sim.engine.CostModel;
import dev.multilora.sim.engine.EngineConfig;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The stand-in's own --sim-* cost parameters, the same in every dialect (see docs/vllm-sim.md). */
public final class SimOptions {

    @Option(names = "--sim-decode-ms", defaultValue = "10")
    double decodeMs;

    @Option(names = "--sim-decode-ms-per-seq", defaultValue = "0.2")
    double decodeMsPerSeq;

    @Option(names = "--sim-decode-ms-per-lora", defaultValue = "0.5")
    double decodeMsPerLora;

    @Option(names = "--sim-prefill-ms-per-token", defaultValue = "0.1")
    double prefillMsPerToken;

    @Option(names = "--sim-lora-load-ms", defaultValue = "40")
    double loraLoadMs;

    @Option(names = "--sim-lora-cpu-load-ms", defaultValue = "3")
    double loraCpuLoadMs;

    @Option(names = "--sim-load-delay-s", defaultValue = "0")
    double loadDelaySeconds;

    @Option(names = "--sim-eos-probability", defaultValue = "0.004")
    double eosProbability;

    @Option(names = "--sim-kv-cache-tokens", defaultValue = "110000")
    long kvCacheTokens;

    /**
     * Parses the --sim-* arguments another dialect's parser set aside; the last of a repeated flag wins.
     *
     * @param failure words a refusal as that dialect's parser would
     */
    static SimOptions parse(List<String> args, Function<String, StartupFailure> failure) throws StartupFailure {
        SimOptions options = new SimOptions();
        try {
            new CommandLine(options).setOverwrittenOptionsAllowed(true).parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw failure.apply(e.getMessage());
        }
        return options;
    }

    /** Whether a token is one of the --sim-* flags (other than --sim-dialect, which is taken off first). */
    static boolean isSimFlag(String token) {
        return token.startsWith("--sim-");
    }

    void validate() throws StartupFailure {
        if (loadDelaySeconds < 0 || eosProbability < 0 || eosProbability > 1) {
            throw StartupFailure.valueError("--sim-load-delay-s must be >= 0 and --sim-eos-probability in [0, 1]");
        }
    }

    EngineConfig engine(int maxNumSeqs, int maxLoras, int maxCpuLoras, Batching batching) throws StartupFailure {
        try {
            CostModel costs = new CostModel(decodeMs, decodeMsPerSeq, decodeMsPerLora, prefillMsPerToken,
                    loraLoadMs, loraCpuLoadMs);
            return new EngineConfig(maxNumSeqs, maxLoras, maxCpuLoras, kvCacheTokens, costs, batching);
        } catch (IllegalArgumentException e) {
            throw StartupFailure.valueError(e.getMessage());
        }
    }
}
