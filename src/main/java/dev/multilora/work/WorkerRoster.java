package dev.multilora.work;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** The workers heard on work.workers_topic, each by its latest announcement, for `multilora-bench workers`. */
public final class WorkerRoster {
    private final Map<String, Heartbeat> latest = new ConcurrentSkipListMap<>();

    public void heard(Heartbeat heartbeat) {
        latest.put(heartbeat.worker(), heartbeat);
    }

    /** By worker name. */
    public List<Heartbeat> workers() {
        return new ArrayList<>(latest.values());
    }
}
