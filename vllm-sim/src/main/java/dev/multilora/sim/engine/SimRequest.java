package dev.multilora.sim.engine;

/**
 * One sequence in the engine. The HTTP side creates it and reads its progress; all other state is
 * written only by the engine thread and published through the volatile progress fields.
 */
public final class SimRequest {

    private final String adapterName;
    private final int adapterCount;
    private final int promptTokens;
    private final int outputTokens;
    private final ProgressListener listener;

    private volatile boolean cancelled;
    private volatile int generatedTokens;
    private volatile SimTiming timing;

    private double arrivedAtMs;
    private double scheduledAtMs;
    private double firstTokenAtMs;
    private double loraLoadMs;
    private LoraSource loraSource = LoraSource.NONE;
    private boolean scheduled;

    /**
     * @param adapterName  the LoRA adapter to run with, or null for the base model
     * @param outputTokens tokens to generate before the sequence finishes (at least 1)
     */
    public SimRequest(String adapterName, int promptTokens, int outputTokens, ProgressListener listener) {
        this(adapterName, adapterName == null ? 0 : 1, promptTokens, outputTokens, listener);
    }

    /**
     * @param adapterName  the adapter, or the name of a combination of adapters applied together
     *                     (llama-server), or null for the base model
     * @param adapterCount how many adapters that name stands for: each costs --sim-decode-ms-per-lora
     */
    public SimRequest(String adapterName, int adapterCount, int promptTokens, int outputTokens,
            ProgressListener listener) {
        if (promptTokens < 0 || outputTokens < 1 || adapterCount < 0 || (adapterName == null) != (adapterCount == 0)) {
            throw new IllegalArgumentException("promptTokens >= 0, outputTokens >= 1 and adapterCount > 0 "
                    + "exactly when there is an adapter required");
        }
        this.adapterName = adapterName;
        this.adapterCount = adapterCount;
        this.promptTokens = promptTokens;
        this.outputTokens = outputTokens;
        this.listener = listener;
    }

    public String adapterName() {
        return adapterName;
    }

    public int adapterCount() {
        return adapterCount;
    }

    public int promptTokens() {
        return promptTokens;
    }

    public int outputTokens() {
        return outputTokens;
    }

    public int generatedTokens() {
        return generatedTokens;
    }

    public boolean isFinished() {
        return timing != null;
    }

    /** Null until the request has finished. */
    public SimTiming timing() {
        return timing;
    }

    /** The client went away: the engine drops the request at its next step, as vLLM aborts it. */
    public void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }

    void arrived(double clockMs) {
        arrivedAtMs = clockMs;
    }

    /** Whether the request has been part of a batch yet (its prefill done). */
    boolean isScheduled() {
        return scheduled;
    }

    void scheduled(double clockMs, LoraSource source, double loadMs) {
        scheduled = true;
        scheduledAtMs = clockMs;
        loraSource = source;
        loraLoadMs = loadMs;
    }

    /** Adds one token at the end of a step; returns true when this was the last one. */
    boolean advance(double clockMs) {
        int generated = generatedTokens + 1;
        if (generated == 1) {
            firstTokenAtMs = clockMs;
        }
        // Count before timing: readers that see the timing must also see the final count.
        generatedTokens = generated;
        boolean last = generated == outputTokens;
        if (last) {
            timing = new SimTiming(
                    scheduledAtMs - arrivedAtMs,
                    loraLoadMs,
                    firstTokenAtMs - scheduledAtMs - loraLoadMs,
                    clockMs - firstTokenAtMs,
                    loraSource,
                    scheduledAtMs,
                    clockMs);
        }
        return last;
    }

    /** Tokens held in the KV cache: the prompt plus what has been generated. */
    int contextTokens() {
        return promptTokens + generatedTokens;
    }

    void notifyListener() {
        listener.onProgress(this);
    }
}
