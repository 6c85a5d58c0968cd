package dev.multilora.run;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cancellations asked for runs whose datasets the inbox has taken but that have not started (they
 * wait in the run queue): the run is cancelled as it opens, before it sends anything. Kept in
 * memory: a `watch` that stops forgets them, and the dataset runs again like any interrupted one.
 */
public final class RunCancellations {
    private final Set<String> requested = ConcurrentHashMap.newKeySet();

    /** @param id the dataset's name without .jsonl (a sweep file's without .sweep.yaml), as the run API names runs */
    public void request(String id) {
        requested.add(id);
    }

    /** Takes back a request no run has taken yet; false when a run took it first. */
    public boolean withdraw(String id) {
        return requested.remove(id);
    }

    /** True, once, when the run of this dataset (or this sweep file's sweep) was cancelled before it opened. */
    public boolean take(Path dataset) {
        return requested.remove(new BenchmarkRunName(dataset).value());
    }
}
