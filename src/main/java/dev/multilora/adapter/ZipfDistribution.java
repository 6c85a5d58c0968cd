package dev.multilora.adapter;

import java.util.Random;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

/** Zipf's law: the adapter of rank k is drawn with probability proportional to k^-alpha. */
public record ZipfDistribution(Double alpha) implements AdapterDistribution {

    @Override
    public String type() {
        return "zipf";
    }

    double[] weights(int count) {
        return IntStream.rangeClosed(1, count).mapToDouble(rank -> Math.pow(rank, -alpha)).toArray();
    }

    @Override
    public IntSupplier sampler(int count, Random random) {
        return new WeightedChoice(weights(count)).sampler(random);
    }
}
