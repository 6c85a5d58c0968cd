package dev.multilora.run;

import dev.multilora.schedule.ScheduleFire;
import java.nio.file.Path;
import java.util.Map;

/**
 * Asks for one benchmark run. The config file is read when the run starts, so every run (every
 * dataset under `watch`) uses the configuration as it is at that moment.
 *
 * @param dataset     the JSONL file; null means benchmark.dataset_path
 * @param configFile  the YAML config file
 * @param overrides   command-line values, keyed by setting
 * @param trigger     "bench", "watch" or "sweep": who asked, for the lock, the logs and whether the server stays up
 * @param errorOutbox where an error report goes when the config itself cannot be read
 * @param sidecar     the dataset's own NAME.config.yaml, dropped beside it into the inbox; null when none
 * @param fire        the schedule fire this run is, whose overrides apply; null when it is not scheduled
 */
public record RunRequest(Path dataset, Path configFile, Map<String, String> overrides, String trigger, Path errorOutbox,
                         Path sidecar, ScheduleFire fire) {
    public static final String BENCH = "bench";
    public static final String WATCH = "watch";
    /** A run of a sweep: the server stays up for the next run while its launch is unchanged; the sweep stops it at its end. */
    public static final String SWEEP = "sweep";

    public RunRequest {
        overrides = Map.copyOf(overrides);
    }

    public RunRequest(Path dataset, Path configFile, Map<String, String> overrides, String trigger, Path errorOutbox) {
        this(dataset, configFile, overrides, trigger, errorOutbox, null, null);
    }
}
