package dev.multilora.run;

import java.util.Random;

/**
 * When each request is due, in seconds from the start of the request phase, the way vLLM's
 * `vllm bench serve` schedules them: inter-arrival times ~ Gamma(shape = burstiness,
 * scale = 1 / (rate * burstiness)), mean 1/rate, accumulated, then rescaled so that the last
 * request is due exactly at N / rate. Without a rate every request is due at once (closed loop).
 *
 * @param requestRate requests per second, or null for a closed loop
 * @param burstiness  Gamma shape: 1 is a Poisson process, lower is burstier, higher more regular
 */
public record ArrivalProcess(Double requestRate, double burstiness) {

    public static ArrivalProcess closedLoop() {
        return new ArrivalProcess(null, 1.0);
    }

    public double[] offsets(int count, Random random) {
        double[] offsets = new double[count];
        if (requestRate == null || count == 0) {
            return offsets;
        }
        GammaSampler gaps = new GammaSampler(burstiness, 1 / (requestRate * burstiness));
        double elapsed = 0;
        for (int i = 0; i < count; i++) {
            elapsed += gaps.sample(random);
            offsets[i] = elapsed;
        }
        // vLLM closes the 1-2% gap a plain sum of gaps leaves, so throughput compares across seeds.
        double stretch = (count / requestRate) / offsets[count - 1];
        for (int i = 0; i < count; i++) {
            offsets[i] *= stretch;
        }
        // exactly, not within a rounding error of the multiplication
        offsets[count - 1] = count / requestRate;
        return offsets;
    }
}
