package dev.multilora.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.run.RunOutcome;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notifications for runs that a worker ran on another machine: the worker writes the summary as its
 * own notifications would, and `watch`, which collects the run, sends it to its own notify.endpoints,
 * naming the collected folder and the worker.
 */
public final class RemoteNotifications {
    private final ObjectMapper json = new ObjectMapper();

    /** The worker's side: the same summary as {@link RunNotifications}; status, dataset and message when the run never opened. */
    public static Map<String, Object> summary(RunOutcome outcome, BenchmarkRun run, String datasetName) {
        if (run != null) {
            return RunNotifications.summary(outcome, run);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", outcome.status().label());
        summary.put("dataset", datasetName);
        summary.put("folder", outcome.folder() == null ? null : outcome.folder().toString());
        summary.put("message", outcome.message());
        return summary;
    }

    /**
     * The coordinator's side: one notification per endpoint of its config.
     *
     * @param folder where the run was collected; null when it left no folder
     */
    public List<RunNotifications.Notification> of(Map<String, Object> summary, String worker, Path folder, EffectiveConfig config)
            throws JsonProcessingException {
        Map<String, Object> collected = new LinkedHashMap<>(summary);
        collected.put("worker", worker);
        collected.put("folder", folder == null ? null : folder.toString());
        String body = json.writeValueAsString(collected);
        long timeoutMs = Math.round(config.decimal(Setting.NOTIFY_TIMEOUT_S) * 1000);
        String fileName = (folder == null ? summary.get("dataset") + "-" + worker : folder.getFileName().toString()) + ".json";
        return config.list(Setting.NOTIFY_ENDPOINTS).stream()
                .map(endpoint -> RunNotifications.Notification.to(endpoint, timeoutMs, body, fileName))
                .toList();
    }
}
