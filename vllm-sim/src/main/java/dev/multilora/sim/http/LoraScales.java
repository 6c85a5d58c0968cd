package dev.multilora.sim.http;

import java.util.Arrays;
import java.util.List;

/** llama-server's global adapter scales, by adapter id: set at launch, changed by POST /lora-adapters. */
final class LoraScales {

    private double[] scales;

    LoraScales(List<Double> initial) {
        this.scales = initial.stream().mapToDouble(Double::doubleValue).toArray();
    }

    synchronized double[] current() {
        return scales.clone();
    }

    synchronized void set(double[] scales) {
        this.scales = Arrays.copyOf(scales, this.scales.length);
    }

    int size() {
        return current().length;
    }
}
