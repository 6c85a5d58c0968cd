package dev.multilora.sim.cli;

import java.util.List;

/** What one dialect's command line sets beyond the settings every dialect shares. */
public sealed interface DialectSettings {

    Dialect dialect();

    /** {@code vllm serve}: everything is in {@link ServeConfig}. */
    record Vllm() implements DialectSettings {
        @Override
        public Dialect dialect() {
            return Dialect.VLLM;
        }
    }

    /**
     * {@code llama-server}.
     *
     * @param initialScales  the global scale of each adapter, by id (the order of --lora/--lora-scaled)
     * @param metrics        --metrics: whether /metrics answers
     * @param defaultPredict -n: max_tokens when a request gives none; -1 means until the context is full
     * @param slots          -np (-1, auto, gives 4)
     * @param contextSize    -c, the whole KV context; each slot has {@link ServeConfig#maxModelLen()}
     */
    record LlamaCpp(List<Double> initialScales, boolean metrics, int defaultPredict, int slots, int contextSize)
            implements DialectSettings {
        @Override
        public Dialect dialect() {
            return Dialect.LLAMACPP;
        }
    }

    /**
     * {@code sglang.launch_server}.
     *
     * @param maxLoadedLoras    null when unlimited (SGLang's default)
     * @param maxLoraRank       null when inferred from the adapters
     * @param loraTargetModules empty when inferred
     */
    record Sglang(boolean metrics, int maxLorasPerBatch, Integer maxLoadedLoras, Integer maxLoraRank,
            List<String> loraTargetModules, int maxRunningRequests, int contextLength) implements DialectSettings {
        @Override
        public Dialect dialect() {
            return Dialect.SGLANG;
        }
    }

    /**
     * {@code text-generation-launcher}.
     *
     * @param maxConcurrentRequests --max-concurrent-requests: requests beyond it are refused with 429
     * @param maxTotalTokens        --max-total-tokens: prompt + output of one request
     * @param maxInputTokens        --max-input-tokens: the longest prompt
     * @param numShard              --num-shard (no effect in the stand-in; shown in /info)
     * @param maxBatchSize          --max-batch-size, null when not given (then the batch is bounded by
     *                              --max-concurrent-requests only)
     */
    record Tgi(int maxConcurrentRequests, int maxTotalTokens, int maxInputTokens, int numShard, Integer maxBatchSize)
            implements DialectSettings {
        @Override
        public Dialect dialect() {
            return Dialect.TGI;
        }
    }
}
