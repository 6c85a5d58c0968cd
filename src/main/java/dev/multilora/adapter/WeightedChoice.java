package dev.multilora.adapter;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntSupplier;

/** Draws an index with probability proportional to its weight, by inverting the cumulative weights. */
final class WeightedChoice {
    private final double[] cumulative;

    WeightedChoice(double[] weights) {
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    IntSupplier sampler(Random random) {
        return () -> {
            double target = random.nextDouble() * cumulative[cumulative.length - 1];
            int found = Arrays.binarySearch(cumulative, target);
            int index = found >= 0 ? found + 1 : -found - 1;
            return Math.min(index, cumulative.length - 1);
        };
    }
}
