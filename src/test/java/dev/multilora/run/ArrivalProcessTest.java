package dev.multilora.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArrivalProcessTest {

    @Test
    void closedLoopMakesEveryRequestDueAtOnce() {
        assertArrayEquals(new double[5], ArrivalProcess.closedLoop().offsets(5, new Random(1)));
    }

    @Test
    void theLastRequestIsDueExactlyAtCountOverRate() {
        for (long seed = 0; seed < 20; seed++) {
            double[] offsets = new ArrivalProcess(200.0, 1.0).offsets(40, new Random(seed));
            assertEquals(0.2, offsets[39], 0.0, "seed " + seed);
        }
        assertEquals(7 / 3.0, new ArrivalProcess(3.0, 0.5).offsets(7, new Random(1))[6], 0.0);
        assertEquals(1 / 4.0, new ArrivalProcess(4.0, 2.0).offsets(1, new Random(1))[0], 0.0);
    }

    @Test
    void offsetsAreTheCumulativeGammaGapsStretchedByOneFactor() {
        Random reference = new Random(5);
        GammaSampler gaps = new GammaSampler(2.0, 1 / (10.0 * 2.0));
        double[] raw = new double[6];
        double sum = 0;
        for (int i = 0; i < raw.length; i++) {
            sum += gaps.sample(reference);
            raw[i] = sum;
        }
        double stretch = (6 / 10.0) / raw[5];

        double[] offsets = new ArrivalProcess(10.0, 2.0).offsets(6, new Random(5));

        for (int i = 0; i < raw.length; i++) {
            assertEquals(raw[i] * stretch, offsets[i], 1e-12);
        }
    }

    @Test
    void offsetsRiseFromAboveZeroInPlanOrder() {
        double[] offsets = new ArrivalProcess(50.0, 0.3).offsets(500, new Random(3));
        assertTrue(offsets[0] > 0);
        for (int i = 1; i < offsets.length; i++) {
            assertTrue(offsets[i] >= offsets[i - 1], "offset " + i);
        }
    }

    @Test
    void theSameSeedGivesTheSameSchedule() {
        ArrivalProcess process = new ArrivalProcess(5.0, 1.0);
        assertArrayEquals(process.offsets(30, new Random(9)), process.offsets(30, new Random(9)));
        assertTrue(!Arrays.equals(process.offsets(30, new Random(9)), process.offsets(30, new Random(10))));
    }
}
