package dev.multilora.adapter;

import java.util.Random;
import java.util.function.IntSupplier;

/**
 * S-LoRA's trace generator: index = floor(N * x) with x ~ power(alpha), i.e. x = U^(1/alpha) for
 * uniform U. alpha = 1 is uniform; alpha below 1 favours the first adapters, above 1 the last.
 */
public record PowerDistribution(Double alpha) implements AdapterDistribution {

    @Override
    public String type() {
        return "power";
    }

    @Override
    public IntSupplier sampler(int count, Random random) {
        // x < 1 in exact arithmetic, but N * x can round up to N
        return () -> Math.min(count - 1, (int) Math.floor(count * Math.pow(random.nextDouble(), 1 / alpha)));
    }
}
