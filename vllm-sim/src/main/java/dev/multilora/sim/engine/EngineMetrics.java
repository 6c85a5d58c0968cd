package dev.multilora.sim.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the engine exposes to /metrics. Written by the engine thread only; latencies are on the
 * model clock, so they show what the model decided rather than HTTP overhead.
 */
public final class EngineMetrics {

    private static final int LORA_SERIES_KEPT = 256;

    // bucket boundaries modelled on those of vLLM's PrometheusStatLogger
    private final Histogram timeToFirstToken = new Histogram(
            0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
            20.0, 40.0, 80.0, 160.0, 640.0, 2560.0);
    private final Histogram endToEnd = new Histogram(
            0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0,
            480.0, 960.0, 1920.0, 7680.0);
    private final Histogram queueTime = new Histogram(
            0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0,
            480.0, 960.0, 1920.0, 7680.0);

    private volatile int running;
    private volatile int waiting;
    private volatile long kvCacheTokensUsed;
    private volatile long promptTokens;
    private volatile long generationTokens;
    private volatile long finishedRequests;
    private volatile long decodes;
    private volatile long busySlots;
    private volatile int gpuAdapterSlotsUsed;
    private volatile LoraActivity loraActivity = new LoraActivity("", "");

    /** vLLM stamps the current label combination with the time at every step; one series per combination. */
    private final Map<LoraActivity, Long> loraSeriesLastSeen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LoraActivity, Long> eldest) {
            return size() > LORA_SERIES_KEPT;
        }
    };

    void scheduler(int running, int waiting, long kvCacheTokensUsed) {
        this.running = running;
        this.waiting = waiting;
        this.kvCacheTokensUsed = kvCacheTokensUsed;
    }

    void tokens(int prompt, int generated) {
        promptTokens += prompt;
        generationTokens += generated;
    }

    /** One decode step, with the sequences holding a place in the batch (llama-server: busy slots). */
    void decoded(int busySlots, int gpuAdapterSlotsUsed) {
        decodes++;
        this.busySlots += busySlots;
        this.gpuAdapterSlotsUsed = gpuAdapterSlotsUsed;
    }

    void finished(SimTiming timing) {
        finishedRequests++;
        timeToFirstToken.observe(timing.timeToFirstTokenMs() / 1000);
        endToEnd.observe(timing.endToEndMs() / 1000);
        queueTime.observe(timing.queueMs() / 1000);
    }

    void loraActivity(LoraActivity activity) {
        loraActivity = activity;
        synchronized (loraSeriesLastSeen) {
            loraSeriesLastSeen.put(activity, System.currentTimeMillis());
        }
    }

    /** Label combinations with the Unix time (seconds) each was last current; the current one is now. */
    public Map<LoraActivity, Double> loraSeries() {
        synchronized (loraSeriesLastSeen) {
            loraSeriesLastSeen.put(loraActivity, System.currentTimeMillis());
            Map<LoraActivity, Double> copy = new LinkedHashMap<>();
            loraSeriesLastSeen.forEach((activity, millis) -> copy.put(activity, millis / 1000.0));
            return copy;
        }
    }

    public int running() {
        return running;
    }

    public int waiting() {
        return waiting;
    }

    public long kvCacheTokensUsed() {
        return kvCacheTokensUsed;
    }

    public long promptTokens() {
        return promptTokens;
    }

    public long generationTokens() {
        return generationTokens;
    }

    public long finishedRequests() {
        return finishedRequests;
    }

    /** Engine steps so far, each one decode call (llamacpp:n_decode_total). */
    public long decodes() {
        return decodes;
    }

    /** Sum over all steps of the sequences holding a slot, for llamacpp:n_busy_slots_per_decode. */
    public long busySlots() {
        return busySlots;
    }

    /** Adapters (SGLang: and the base model) in the GPU adapter slots after the last step. */
    public int gpuAdapterSlotsUsed() {
        return gpuAdapterSlotsUsed;
    }

    public Histogram timeToFirstToken() {
        return timeToFirstToken;
    }

    public Histogram endToEnd() {
        return endToEnd;
    }

    public Histogram queueTime() {
        return queueTime;
    }
}
