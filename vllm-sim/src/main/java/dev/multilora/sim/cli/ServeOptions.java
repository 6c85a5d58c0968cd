package dev.multilora.sim.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
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

    /** --lora-modules name=path|JSON ..., set by ServeCommandLine.takeMultiValued as are the next two. */
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

    /** --api-key KEY ... */
    List<String> apiKeys = new ArrayList<>();

    /** --served-model-name NAME ... */
    List<String> servedModelNames = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--enable-request-id-headers", description = "Echo X-Request-Id in responses.")
    boolean enableRequestIdHeaders;

    @Mixin
    SimOptions sim = new SimOptions();

    @Unmatched
    List<String> unknownArguments = new ArrayList<>();
}
