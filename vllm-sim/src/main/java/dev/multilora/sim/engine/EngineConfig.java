package dev.multilora.sim.engine;

/**
 * Scheduler limits (vLLM's --max-num-seqs, --max-loras, --max-cpu-loras) plus the cost model.
 *
 * @param maxNumSeqs    sequences in the batch (llama-server: its slots)
 * @param maxLoras      distinct adapters per batch and GPU adapter slots (unused by {@link Batching#LLAMACPP})
 * @param kvCacheTokens token capacity used only to report vllm:kv_cache_usage_perc
 */
public record EngineConfig(int maxNumSeqs, int maxLoras, int maxCpuLoras, long kvCacheTokens, CostModel costs,
        Batching batching) {

    /** vLLM's batching. */
    public EngineConfig(int maxNumSeqs, int maxLoras, int maxCpuLoras, long kvCacheTokens, CostModel costs) {
        this(maxNumSeqs, maxLoras, maxCpuLoras, kvCacheTokens, costs, Batching.VLLM);
    }

    public EngineConfig {
        if (maxNumSeqs < 1 || maxLoras < 1 || kvCacheTokens < 1) {
            throw new IllegalArgumentException("maxNumSeqs, maxLoras and kvCacheTokens must be >= 1");
        }
        if (maxCpuLoras < maxLoras) {
            throw new IllegalArgumentException(
                    "max_cpu_loras (" + maxCpuLoras + ") must be >= max_loras (" + maxLoras + ")");
        }
        if (batching == null) {
            throw new IllegalArgumentException("batching required");
        }
    }
}
