package dev.multilora.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * One run of a sweep, as it ended.
 *
 * @param point   the point it ran
 * @param probe   the search variable's value it probed; null outside a search
 * @param repeat  which repeat of its point (or probe), from 1
 * @param folder  its run folder; null when not even an error report could be written
 * @param status  how it ended: completed, stopped, failed, interrupted, cancelled
 * @param results its results.json; null when it ended before measuring
 * @param reused  whether an earlier attempt of the sweep ran it (resume)
 */
public record SweepRun(SweepPoint point, Double probe, int repeat, Path folder, String status, JsonNode results, boolean reused) {

    /** Completed, or ended by one of its own stop conditions: what it measured is the run's result. */
    public boolean done() {
        return status.equals("completed") || status.equals("stopped");
    }
}
