package dev.multilora.sim.text;

import java.util.Locale;

/** vLLM's finish_reason values that the stand-in can produce. */
public enum FinishReason {
    /** The seeded end-of-sequence token came first. */
    STOP,
    /** max_tokens was reached. */
    LENGTH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
