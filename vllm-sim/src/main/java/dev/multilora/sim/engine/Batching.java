package dev.multilora.sim.engine;

/**
 * How an engine forms its running batch from waiting requests. The three engines the stand-in
 * imitates differ here more than anywhere else.
 */
public enum Batching {
    /**
     * vLLM's V1 scheduler: a request whose adapter is not yet in the batch waits while the batch
     * holds --max-loras distinct adapters; base-model requests are never held back.
     */
    VLLM,
    /**
     * SGLang: --max-loras-per-batch counts the base model as one of the batch's adapters
     * ("including base-only requests", server_arguments.md), and the base model takes a slot of
     * the GPU adapter pool while it runs.
     */
    SGLANG,
    /**
     * llama-server: requests take free slots in arrival order, but a decode batch only holds
     * slots with the same adapter set (server_slot::can_batch_with); the set of the slot held
     * longest goes first, the other slots wait. Every adapter is loaded at start and stays loaded.
     */
    LLAMACPP,
    /**
     * TGI: every --lora-adapters adapter is loaded at start and stays on the GPU, and one batch mixes
     * any adapters (vLLM's rule with --max-loras as large as the adapter list, without the loads).
     */
    TGI
}
