package dev.multilora.sim.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The flags of {@code vllm serve} that the stand-in understands, with vLLM's defaults where the
 * stand-in has one to mimic, plus the --sim-* cost parameters (see docs/vllm-sim.md).
 */
public final class ServeOptions {

    @Option(names = "--model", description = "Legacy form of the positional MODEL.")
    String model;

    @Option(names = "--host", description = "Interface to bind (default 127.0.0.1).")
    String host;

    @Option(names = "--port", defaultValue = "8000")
    int port;

    @Option(names = "--enable-lora", negatable = true)
    boolean enableLora;

    @Option(names = "--lora-modules", arity = "1..*", paramLabel = "name=path|JSON")
    List<String> loraModules = new ArrayList<>();

    @Option(names = "--max-loras", defaultValue = "1")
    int maxLoras;

    @Option(names = "--max-lora-rank", defaultValue = "16")
    int maxLoraRank;

    @Option(names = "--max-cpu-loras", description = "Default: --max-loras.")
    Integer maxCpuLoras;

    @Option(names = "--max-num-seqs", defaultValue = "256")
    int maxNumSeqs;

    @Option(names = "--max-model-len", defaultValue = "4096")
    int maxModelLen;

    @Option(names = {"--tensor-parallel-size", "-tp"}, defaultValue = "1")
    int tensorParallelSize;

    @Option(names = "--gpu-memory-utilization", defaultValue = "0.9")
    double gpuMemoryUtilization;

    @Option(names = "--api-key", arity = "1..*")
    List<String> apiKeys = new ArrayList<>();

    @Option(names = "--served-model-name", arity = "1..*")
    List<String> servedModelNames = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--enable-request-id-headers", description = "Echo X-Request-Id in responses.")
    boolean enableRequestIdHeaders;

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

    @Unmatched
    List<String> unknownArguments = new ArrayList<>();

    String modelTag;
}
