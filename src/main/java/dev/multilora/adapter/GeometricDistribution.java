package dev.multilora.adapter;

import java.util.Random;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

/**
 * SGLang's "skewed" LoRA distribution: each adapter is 1/alpha as likely as the one ranked before
 * it, i.e. probability proportional to alpha^-i for i = 0, 1, ...
 */
public record GeometricDistribution(Double alpha) implements AdapterDistribution {

    @Override
    public String type() {
        return "geometric";
    }

    double[] weights(int count) {
        return IntStream.range(0, count).mapToDouble(i -> Math.pow(alpha, -i)).toArray();
    }

    @Override
    public IntSupplier sampler(int count, Random random) {
        return new WeightedChoice(weights(count)).sampler(random);
    }
}
