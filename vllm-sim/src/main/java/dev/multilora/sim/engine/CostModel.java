package dev.multilora.sim.engine;

/**
 * Simulated cost of one scheduler step, in milliseconds of the model's clock.
 * Every term may be zero; with all of them zero the engine steps back-to-back.
 */
public record CostModel(
        double decodeMs,
        double decodeMsPerSeq,
        double decodeMsPerLora,
        double prefillMsPerToken,
        double loraDiskLoadMs,
        double loraCpuLoadMs) {

    public CostModel {
        requireNonNegative("decodeMs", decodeMs);
        requireNonNegative("decodeMsPerSeq", decodeMsPerSeq);
        requireNonNegative("decodeMsPerLora", decodeMsPerLora);
        requireNonNegative("prefillMsPerToken", prefillMsPerToken);
        requireNonNegative("loraDiskLoadMs", loraDiskLoadMs);
        requireNonNegative("loraCpuLoadMs", loraCpuLoadMs);
    }

    public static CostModel free() {
        return new CostModel(0, 0, 0, 0, 0, 0);
    }

    public double loadMs(LoraSource source) {
        return switch (source) {
            case DISK -> loraDiskLoadMs;
            case CPU -> loraCpuLoadMs;
            case NONE, RESIDENT -> 0;
        };
    }

    /** Adapter loads block the whole step, as vLLM activates adapters before running the batch. */
    public double stepMs(int sequences, int distinctAdapters, int prefillTokens, double adapterLoadMs) {
        return adapterLoadMs
                + prefillTokens * prefillMsPerToken
                + decodeMs
                + sequences * decodeMsPerSeq
                + distinctAdapters * decodeMsPerLora;
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }
}
