package dev.multilora.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The highest value in [low, high] that passes, assuming that what passes at a value passes below
 * it: low is probed first (failing there, nothing in the bounds passes), then high (passing there,
 * the answer is high), then the middle of what is still open, until passing and failing values lie
 * within the tolerance. Probes of a whole-number variable are whole.
 */
public final class Bisection {
    private final double tolerance;
    private final boolean integral;
    private double passing;
    private double failing;
    private boolean lowProbed;
    private boolean highProbed;
    private boolean done;
    private Double highest;
    private final double low;
    private final double high;
    private final List<Probe> probes = new ArrayList<>();

    /** One probe and whether it met every constraint. */
    public record Probe(double value, boolean passed) {
    }

    /**
     * @param highest the highest passing value found; null when even low failed
     * @param bound   "high" when high itself passed (the capacity may be higher), "low" when low failed, else null
     */
    public record Result(Double highest, String bound, List<Probe> probes) {
    }

    public Bisection(double low, double high, double tolerance, boolean integral) {
        this.low = integral ? Math.ceil(low) : low;
        this.high = integral ? Math.floor(high) : high;
        this.tolerance = integral ? Math.max(1, tolerance) : tolerance;
        this.integral = integral;
    }

    public static Bisection of(CapacitySearch search) {
        return new Bisection(search.low(), search.high(), search.tolerance(), search.integral());
    }

    /** The value to probe next; empty once the search is over. */
    public OptionalDouble next() {
        if (done) {
            return OptionalDouble.empty();
        }
        if (!lowProbed) {
            return OptionalDouble.of(low);
        }
        if (!highProbed) {
            return OptionalDouble.of(high);
        }
        double middle = (passing + failing) / 2;
        return OptionalDouble.of(integral ? Math.floor(middle) : middle);
    }

    public void record(double value, boolean passed) {
        probes.add(new Probe(value, passed));
        if (!lowProbed) {
            lowProbed = true;
            passing = value;
            if (!passed) {
                done = true;
            }
        } else if (!highProbed) {
            highProbed = true;
            failing = value;
            if (passed) {
                passing = value;
                done = true;
            }
        } else if (passed) {
            passing = value;
        } else {
            failing = value;
        }
        if (!done && highProbed && failing - passing <= tolerance) {
            done = true;
        }
        if (done) {
            highest = probes.get(0).passed() ? passing : null;
        }
    }

    public Result result() {
        String bound = highest == null ? "low" : highest == high && probes.size() == 2 ? "high" : null;
        return new Result(highest, bound, List.copyOf(probes));
    }
}
