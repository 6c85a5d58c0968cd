package dev.multilora.adapter;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * How popular each adapter is when requests draw their adapter at random, with adapters ranked by
 * name (catalog order): rank 1 is the first name. Immutable; {@link #sampler} gives one run's draws.
 */
public sealed interface AdapterDistribution
        permits UniformDistribution, RoundRobinDistribution, ZipfDistribution, GeometricDistribution, PowerDistribution {

    /** The name used in the config and in results.json. */
    String type();

    /** The shape parameter, or null for kinds that have none. */
    Double alpha();

    /** Draws adapter indexes in 0..count-1; stateful (round robin), so one per plan. */
    IntSupplier sampler(int count, Random random);

    /**
     * Reads the config's map, e.g. {type: zipf, alpha: 1.2}.
     *
     * @throws IllegalArgumentException naming what is wrong, for the config loader to report with the key
     */
    static AdapterDistribution fromConfig(Map<String, String> spec) {
        String type = spec.get("type");
        if (type == null) {
            throw new IllegalArgumentException("needs a type: uniform, round_robin, zipf, geometric or power");
        }
        return switch (type) {
            case "uniform" -> withoutAlpha(spec, new UniformDistribution());
            case "round_robin" -> withoutAlpha(spec, new RoundRobinDistribution());
            case "zipf" -> new ZipfDistribution(alpha(spec, "> 0", a -> a > 0));
            case "geometric" -> new GeometricDistribution(alpha(spec, "> 1", a -> a > 1));
            case "power" -> new PowerDistribution(alpha(spec, "> 0", a -> a > 0));
            default -> throw new IllegalArgumentException("unknown type '" + type
                    + "' (known: uniform, round_robin, zipf, geometric, power)");
        };
    }

    private static AdapterDistribution withoutAlpha(Map<String, String> spec, AdapterDistribution distribution) {
        if (!Set.of("type").containsAll(spec.keySet())) {
            throw new IllegalArgumentException("type " + distribution.type() + " takes no other key, found " + spec.keySet());
        }
        return distribution;
    }

    private static double alpha(Map<String, String> spec, String rule, java.util.function.DoublePredicate valid) {
        if (!Set.of("type", "alpha").containsAll(spec.keySet())) {
            throw new IllegalArgumentException("type " + spec.get("type") + " takes only alpha, found " + spec.keySet());
        }
        String text = spec.get("alpha");
        if (text == null) {
            throw new IllegalArgumentException("type " + spec.get("type") + " needs alpha " + rule);
        }
        double alpha;
        try {
            alpha = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("alpha must be a number, found '" + text + "'");
        }
        if (!Double.isFinite(alpha) || !valid.test(alpha)) {
            throw new IllegalArgumentException("type " + spec.get("type") + " needs alpha " + rule + ", found " + text);
        }
        return alpha;
    }
}
