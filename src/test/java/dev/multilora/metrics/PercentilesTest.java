package dev.multilora.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values by hand with numpy's linear rule: rank = p/100 * (n-1), interpolate between neighbours. */
class PercentilesTest {
    private static final double EPS = 1e-12;

    @Test
    void fourSamples() {
        Percentiles p = new Percentiles(List.of(1.0, 2.0, 3.0, 4.0));
        assertEquals(1.0, p.percentile(0), EPS);
        assertEquals(2.5, p.percentile(50), EPS);   // rank 1.5
        assertEquals(3.85, p.percentile(95), EPS);  // rank 2.85
        assertEquals(3.97, p.percentile(99), EPS);  // rank 2.97
        assertEquals(4.0, p.percentile(100), EPS);
    }

    @Test
    void fiveUnevenSamples() {
        Percentiles p = new Percentiles(List.of(10.0, 20.0, 30.0, 40.0, 100.0));
        assertEquals(20.0, p.percentile(25), EPS);  // rank 1 exactly
        assertEquals(64.0, p.percentile(85), EPS);  // rank 3.4: 40 + 0.4 * 60
        assertEquals(40.0, p.mean(), EPS);
    }

    @Test
    void unsortedInputIsSortedFirst() {
        Percentiles p = new Percentiles(List.of(4.0, 1.0, 3.0, 2.0));
        assertEquals(2.5, p.percentile(50), EPS);
        assertEquals(3.85, p.percentile(95), EPS);
        assertEquals(1.0, p.percentile(0), EPS);
    }

    @Test
    void singleSampleIsEveryPercentile() {
        Percentiles p = new Percentiles(List.of(0.25));
        assertEquals(0.25, p.percentile(0), EPS);
        assertEquals(0.25, p.percentile(50), EPS);
        assertEquals(0.25, p.percentile(99), EPS);
        assertEquals(0.25, p.percentile(100), EPS);
        assertEquals(0.25, p.mean(), EPS);
    }

    @Test
    void noSamplesGiveNull() {
        Percentiles p = new Percentiles(List.of());
        assertTrue(p.isEmpty());
        assertNull(p.percentile(50));
        assertNull(p.mean());
    }

    @Test
    void meanOfSamples() {
        Percentiles p = new Percentiles(List.of(0.1, 0.2, 0.6));
        assertFalse(p.isEmpty());
        assertEquals(0.3, p.mean(), EPS);
    }
}
