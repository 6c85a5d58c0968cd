package dev.multilora.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GammaSamplerTest {
    private static final int DRAWS = 200_000;

    /** Gamma(k, theta) has mean k * theta and variance k * theta^2. */
    @ParameterizedTest
    @CsvSource({"1.0, 0.5", "0.5, 2.0", "0.2, 1.0", "4.0, 0.25", "1.5, 0.1"})
    void meanAndVarianceMatchShapeAndScale(double shape, double scale) {
        GammaSampler gamma = new GammaSampler(shape, scale);
        Random random = new Random(42);
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < DRAWS; i++) {
            double x = gamma.sample(random);
            assertTrue(x >= 0);
            sum += x;
            sumOfSquares += x * x;
        }
        double mean = sum / DRAWS;
        double variance = sumOfSquares / DRAWS - mean * mean;
        double expectedMean = shape * scale;
        double expectedVariance = shape * scale * scale;
        assertEquals(expectedMean, mean, 0.02 * expectedMean);
        assertEquals(expectedVariance, variance, 0.05 * expectedVariance);
    }

    @Test
    void rejectsNonPositiveParameters() {
        assertThrows(IllegalArgumentException.class, () -> new GammaSampler(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new GammaSampler(1, -1));
    }
}
