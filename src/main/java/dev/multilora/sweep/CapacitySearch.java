package dev.multilora.sweep;

import dev.multilora.config.Setting;
import java.util.List;

/**
 * `search:`: the highest value of one load variable that meets every constraint, found by bisection
 * between low and high to within tolerance.
 */
public record CapacitySearch(String variable, double low, double high, double tolerance, List<Constraint> constraints) {
    public static final List<String> VARIABLES = List.of(Setting.REQUEST_RATE.key(), Setting.CONCURRENCY.key());

    public CapacitySearch {
        constraints = List.copyOf(constraints);
    }

    /** Concurrency is a whole number of requests: probes are whole, and the search ends within one. */
    public boolean integral() {
        return variable.equals(Setting.CONCURRENCY.key());
    }

    public String valueText(double value) {
        return integral() ? Long.toString(Math.round(value)) : Double.toString(value);
    }
}
