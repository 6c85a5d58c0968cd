package dev.multilora.run;

import java.util.Random;

/**
 * One random generator per purpose, each derived from the run's seed and the purpose's name, so
 * that adding a new random purpose never changes the sequence another one draws.
 */
public final class SeededRandoms {
    public static final String SHUFFLE = "shuffle";
    public static final String ADAPTER_ASSIGNMENT = "adapter-assignment";
    public static final String ARRIVALS = "arrivals";

    private final long seed;

    public SeededRandoms(long seed) {
        this.seed = seed;
    }

    public Random forPurpose(String purpose) {
        return new Random(seed * 0x9E3779B97F4A7C15L ^ purpose.hashCode());
    }
}
