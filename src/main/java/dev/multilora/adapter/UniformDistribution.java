package dev.multilora.adapter;

import java.util.Random;
import java.util.function.IntSupplier;

/** Every adapter equally likely: one nextInt per request, the draw earlier versions made, so old seeds keep their plans. */
public record UniformDistribution() implements AdapterDistribution {

    @Override
    public String type() {
        return "uniform";
    }

    @Override
    public Double alpha() {
        return null;
    }

    @Override
    public IntSupplier sampler(int count, Random random) {
        return () -> random.nextInt(count);
    }
}
