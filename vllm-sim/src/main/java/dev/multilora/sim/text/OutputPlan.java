package dev.multilora.sim.text;

import java.util.SplittableRandom;

/**
 * How long a completion will be and why it ends. The end-of-sequence token may appear at each
 * position after min_tokens with a fixed probability; it counts as a generated token with empty
 * text, as vLLM counts the EOS token in completion_tokens.
 */
public record OutputPlan(int tokens, FinishReason finishReason) {

    public static OutputPlan draw(long seed, int maxTokens, int minTokens, boolean ignoreEos, double eosProbability) {
        if (ignoreEos || eosProbability <= 0) {
            return new OutputPlan(maxTokens, FinishReason.LENGTH);
        }
        // The generator's stream is split off so that lengths and words do not share draws.
        double uniform = new SplittableRandom(seed).split().nextDouble();
        long eosPosition = minTokens + 1 + geometric(uniform, eosProbability);
        return eosPosition <= maxTokens
                ? new OutputPlan((int) eosPosition, FinishReason.STOP)
                : new OutputPlan(maxTokens, FinishReason.LENGTH);
    }

    /** Failures before the first success, by inversion. */
    private static long geometric(double uniform, double probability) {
        if (probability >= 1) {
            return 0;
        }
        return (long) Math.floor(Math.log1p(-uniform) / Math.log1p(-probability));
    }
}
