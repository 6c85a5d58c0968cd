package dev.multilora.work;

import java.util.Map;

/**
 * One run on the work queue, carrying all a worker on another machine needs to run it: the dataset's
 * bytes (Base64, so a line that is not valid UTF-8 reaches the worker as it was and fails there as it
 * would here), its sidecar's text, the run's own overrides and, for a schedule's fire, the schedule.
 *
 * @param id        unique per submission; the results name it
 * @param name      the dataset's name without .jsonl: the run folder's name starts with it
 * @param origin    {@link #INBOX} (a dropped file or an API submission), {@link #SCHEDULE} or {@link #SWEEP} (a sweep's point)
 * @param dataset   the JSONL file's bytes, Base64
 * @param sidecar   the dataset's NAME.config.yaml as text; null when none
 * @param overrides the run's own config keys (not the coordinator's), applied over the worker's config
 * @param fire      the schedule fire this run is; null when it is not scheduled
 * @param requires  what a worker must serve to take it (work.requires: gpu, engine, model), as message properties
 * @param handovers how often a stopping worker handed it back to the queue
 * @param collectInto the coordinator's folder its results are collected into (a sweep's folder); null for the coordinator's outbox
 */
public record WorkItem(String id, String name, String origin, String dataset, String sidecar, Map<String, String> overrides,
                       Fire fire, Map<String, String> requires, int handovers, String collectInto) {
    public static final String INBOX = "inbox";
    public static final String SCHEDULE = "schedule";
    public static final String SWEEP = "sweep";

    public WorkItem {
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        requires = requires == null ? Map.of() : Map.copyOf(requires);
    }

    /** The same run, handed back by a worker that stopped before it finished. */
    public WorkItem handedBack() {
        return new WorkItem(id, name, origin, dataset, sidecar, overrides, fire, requires, handovers + 1, collectInto);
    }

    /**
     * A schedule's fire, as the worker rebuilds it for results.json's "schedule".
     *
     * @param fireTime ISO-8601 instant
     */
    public record Fire(String name, String cron, String timeZone, String fireTime, Map<String, Object> overrides) {
    }
}
