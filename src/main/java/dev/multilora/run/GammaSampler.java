package dev.multilora.run;

import java.util.Random;

/**
 * Gamma(shape, scale) variates by Marsaglia and Tsang's squeeze method (ACM TOMS 26(3), 2000);
 * for shape below 1 it samples shape + 1 and scales by U^(1/shape), their boost for small shapes.
 */
final class GammaSampler {
    private final double shape;
    private final double scale;

    GammaSampler(double shape, double scale) {
        if (!(shape > 0) || !(scale > 0)) {
            throw new IllegalArgumentException("shape and scale must be > 0, got " + shape + " and " + scale);
        }
        this.shape = shape;
        this.scale = scale;
    }

    double sample(Random random) {
        if (shape < 1) {
            return standard(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape) * scale;
        }
        return standard(shape, random) * scale;
    }

    private static double standard(double shape, Random random) {
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            // The cheap squeeze accepts almost every draw; the log test decides the rest exactly.
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
