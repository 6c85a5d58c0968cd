package dev.multilora.adapter;

import java.util.Random;
import java.util.function.IntSupplier;

/** Adapters in catalog order, over and over: every adapter gets the same share, none random. */
public record RoundRobinDistribution() implements AdapterDistribution {

    @Override
    public String type() {
        return "round_robin";
    }

    @Override
    public Double alpha() {
        return null;
    }

    @Override
    public IntSupplier sampler(int count, Random random) {
        int[] next = {0};
        return () -> next[0]++ % count;
    }
}
