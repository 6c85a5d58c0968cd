package dev.multilora.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdapterDistributionTest {
    private static final int DRAWS = 200_000;
    private static final double TOLERANCE = 0.005;

    /** A Random whose nextDouble returns the given values in turn: draws computable by hand. */
    private static Random doubles(double... values) {
        Iterator<Double> next = Arrays.stream(values).iterator();
        return new Random() {
            @Override
            public double nextDouble() {
                return next.next();
            }
        };
    }

    private static List<Integer> draws(IntSupplier sampler, int count) {
        List<Integer> drawn = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            drawn.add(sampler.getAsInt());
        }
        return drawn;
    }

    private static double[] frequencies(AdapterDistribution distribution, int adapters, long seed) {
        IntSupplier sampler = distribution.sampler(adapters, new Random(seed));
        double[] counts = new double[adapters];
        for (int i = 0; i < DRAWS; i++) {
            counts[sampler.getAsInt()]++;
        }
        return Arrays.stream(counts).map(c -> c / DRAWS).toArray();
    }

    private static void assertFrequencies(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE, "adapter " + i + " of " + Arrays.toString(actual));
        }
    }

    private static double[] normalized(double[] weights) {
        double sum = Arrays.stream(weights).sum();
        return Arrays.stream(weights).map(w -> w / sum).toArray();
    }

    @Test
    void uniformMakesTheSameNextIntDrawsAsBefore() {
        Random reference = new Random(7);
        List<Integer> expected = IntStream.range(0, 50).mapToObj(i -> reference.nextInt(3)).toList();
        assertEquals(expected, draws(new UniformDistribution().sampler(3, new Random(7)), 50));
    }

    @Test
    void roundRobinCyclesThroughTheCatalogOrder() {
        assertEquals(List.of(0, 1, 2, 0, 1, 2, 0), draws(new RoundRobinDistribution().sampler(3, new Random(1)), 7));
        assertEquals(List.of(0, 0, 0), draws(new RoundRobinDistribution().sampler(1, new Random(1)), 3));
    }

    @Test
    void zipfWeightsAreRankToTheMinusAlpha() {
        // alpha 1: 1, 1/2, 1/3, i.e. 6/11, 3/11, 2/11
        assertArrayEquals(new double[] {6.0 / 11, 3.0 / 11, 2.0 / 11}, normalized(new ZipfDistribution(1.0).weights(3)), 1e-12);
        assertArrayEquals(new double[] {0.8, 0.2}, normalized(new ZipfDistribution(2.0).weights(2)), 1e-12);
    }

    @Test
    void geometricWeightsFallByAlphaFromOneAdapterToTheNext() {
        // alpha 2: 1, 1/2, 1/4, i.e. 4/7, 2/7, 1/7
        assertArrayEquals(new double[] {4.0 / 7, 2.0 / 7, 1.0 / 7}, normalized(new GeometricDistribution(2.0).weights(3)), 1e-12);
    }

    @Test
    void weightedChoiceInvertsTheCumulativeWeights() {
        // weights 1, 1, 2 out of 4: [0, .25) -> 0, [.25, .5) -> 1, [.5, 1) -> 2
        IntSupplier sampler = new WeightedChoice(new double[] {1, 1, 2}).sampler(doubles(0.0, 0.2499, 0.25, 0.5, 0.999));
        assertEquals(List.of(0, 0, 1, 2, 2), draws(sampler, 5));
    }

    @Test
    void powerTakesFloorOfCountTimesUToTheOneOverAlpha() {
        // alpha 0.5: x = u^2; 4 * x = 0.64, 1, 1.96, 3.24
        IntSupplier sampler = new PowerDistribution(0.5).sampler(4, doubles(0.4, 0.5, 0.7, 0.9));
        assertEquals(List.of(0, 1, 1, 3), draws(sampler, 4));
        assertEquals(List.of(3), draws(new PowerDistribution(0.5).sampler(4, doubles(Math.nextDown(1.0))), 1));
    }

    @Test
    void zipfFrequenciesMatchTheirProbabilities() {
        assertFrequencies(new double[] {6.0 / 11, 3.0 / 11, 2.0 / 11}, frequencies(new ZipfDistribution(1.0), 3, 11));
        double[] weights = IntStream.rangeClosed(1, 5).mapToDouble(k -> Math.pow(k, -1.2)).toArray();
        assertFrequencies(normalized(weights), frequencies(new ZipfDistribution(1.2), 5, 12));
    }

    @Test
    void geometricFrequenciesMatchTheirProbabilities() {
        assertFrequencies(new double[] {4.0 / 7, 2.0 / 7, 1.0 / 7}, frequencies(new GeometricDistribution(2.0), 3, 13));
    }

    @Test
    void powerFrequenciesMatchTheirProbabilities() {
        // P(index = k) = ((k + 1) / N)^alpha - (k / N)^alpha
        double[] expected = IntStream.range(0, 4).mapToDouble(k -> Math.pow((k + 1) / 4.0, 0.5) - Math.pow(k / 4.0, 0.5)).toArray();
        assertArrayEquals(new double[] {0.5, 0.2071, 0.1589, 0.1340}, expected, 1e-4);
        assertFrequencies(expected, frequencies(new PowerDistribution(0.5), 4, 14));
        assertFrequencies(new double[] {0.25, 0.25, 0.25, 0.25}, frequencies(new PowerDistribution(1.0), 4, 15));
    }

    @Test
    void uniformFrequenciesAreEqual() {
        assertFrequencies(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, frequencies(new UniformDistribution(), 3, 16));
    }

    @Test
    void readsEachKindFromTheConfig() {
        assertEquals(new UniformDistribution(), AdapterDistribution.fromConfig(Map.of("type", "uniform")));
        assertEquals(new RoundRobinDistribution(), AdapterDistribution.fromConfig(Map.of("type", "round_robin")));
        assertEquals(new ZipfDistribution(1.2), AdapterDistribution.fromConfig(Map.of("type", "zipf", "alpha", "1.2")));
        assertEquals(new GeometricDistribution(1.5), AdapterDistribution.fromConfig(Map.of("type", "geometric", "alpha", "1.5")));
        assertEquals(new PowerDistribution(0.5), AdapterDistribution.fromConfig(Map.of("type", "power", "alpha", "0.5")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "type=pareto            | unknown type 'pareto'",
            "alpha=2                | needs a type",
            "type=zipf              | type zipf needs alpha > 0",
            "type=zipf,alpha=0      | type zipf needs alpha > 0, found 0",
            "type=geometric,alpha=1 | type geometric needs alpha > 1, found 1",
            "type=power,alpha=-0.5  | type power needs alpha > 0, found -0.5",
            "type=zipf,alpha=many   | alpha must be a number, found 'many'",
            "type=uniform,alpha=2   | type uniform takes no other key",
            "type=zipf,alpha=1,beta=2 | type zipf takes only alpha"})
    void rejectsWhatItCannotDraw(String spec, String message) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.split("=");
            map.put(parts[0], parts[1]);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdapterDistribution.fromConfig(map));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
