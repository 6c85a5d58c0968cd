package dev.multilora.work;

import java.util.List;
import java.util.Map;

/**
 * What a worker sends back once a run has ended: how it ended, its runs.jsonl line and notification
 * summary, and its run folder's files, for `watch` to collect into one outbox.
 *
 * @param handovers how often the run had been handed back to the queue before this try (as {@link WorkItem#handovers()})
 * @param attempt  the broker's delivery count of the run message this worker ran (1 = first delivery)
 * @param status   the run's status label: completed, stopped, failed, interrupted, cancelled
 * @param folder   the run folder's name on the worker; null when the run left none
 * @param history  its runs.jsonl line; null when the run wrote no results (an error report)
 * @param summary  the summary notify.endpoints get, as the worker's notifications would carry it
 * @param files    the folder's files by relative path, Base64, up to work.max_message_bytes in all
 * @param omitted  relative paths of the files left out to stay under that limit (they stay on the worker)
 * @param collectInto as the run's {@link WorkItem#collectInto()}
 * @param retried  whether the run goes on elsewhere after this try (handed back, or its worker was killed), so this is not its end
 */
public record WorkResult(String workId, int handovers, int attempt, String worker, String name, String status, String message, String folder,
                         Map<String, Object> history, Map<String, Object> summary, Map<String, String> files,
                         List<String> omitted, String collectInto, boolean retried) {

    public WorkResult {
        files = files == null ? Map.of() : Map.copyOf(files);
        omitted = omitted == null ? List.of() : List.copyOf(omitted);
    }

    /** One per try of a run (a handover, a delivery, a worker): a result the broker delivers twice is collected once. */
    public String resultId() {
        return workId + "/" + handovers + "/" + attempt + "/" + worker;
    }
}
