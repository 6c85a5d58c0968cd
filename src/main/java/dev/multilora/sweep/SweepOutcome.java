package dev.multilora.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * How a sweep ended.
 *
 * @param folder      the sweep folder
 * @param ran         runs this attempt benchmarked
 * @param reused      runs an earlier attempt had finished (resume)
 * @param notDone     runs that failed or were interrupted
 * @param interrupted whether an interruption ended the sweep early
 * @param capacities  each point's capacity search, when the sweep searched
 */
public record SweepOutcome(Path folder, int ran, int reused, int notDone, boolean interrupted, List<CapacityResult> capacities) {
    public SweepOutcome {
        capacities = List.copyOf(capacities);
    }
}
