package dev.multilora.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

class BisectionTest {

    private static Bisection.Result search(Bisection bisection, DoublePredicate passes) {
        for (OptionalDouble next = bisection.next(); next.isPresent(); next = bisection.next()) {
            bisection.record(next.getAsDouble(), passes.test(next.getAsDouble()));
        }
        return bisection.result();
    }

    @Test
    void convergesOnAKnownCapacityWithinItsTolerance() {
        double capacity = 37.3;
        Bisection.Result result = search(new Bisection(1, 64, 0.5, false), rate -> rate <= capacity);

        assertTrue(result.highest() <= capacity, "the answer passed: " + result.highest());
        assertTrue(capacity - result.highest() <= 0.5, "within the tolerance of the capacity: " + result.highest());
        assertEquals(1, result.probes().get(0).value());
        assertEquals(64, result.probes().get(1).value());
        assertNull(result.bound());
    }

    @Test
    void aWholeNumberVariableEndsOnTheExactCapacity() {
        Bisection.Result result = search(new Bisection(1, 100, 1, true), concurrency -> concurrency <= 13);

        assertEquals(13.0, result.highest());
        assertTrue(result.probes().stream().allMatch(p -> p.value() == Math.rint(p.value())), "whole probes: " + result.probes());
    }

    @Test
    void saysWhenTheBoundsDecide() {
        Bisection.Result none = search(new Bisection(4, 64, 1, false), rate -> rate <= 2);
        assertNull(none.highest());
        assertEquals("low", none.bound());
        assertEquals(1, none.probes().size());

        Bisection.Result all = search(new Bisection(4, 64, 1, false), rate -> true);
        assertEquals(64.0, all.highest());
        assertEquals("high", all.bound());
        assertEquals(2, all.probes().size());
    }
}
