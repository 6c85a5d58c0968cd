package dev.multilora.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.Setting;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.schedule.ScheduleFire;
import dev.multilora.run.RunOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the systems downstream of a run are told once it has ended: a short JSON summary (status,
 * dataset, folder, key figures, regressions flagged against the previous run), one message per
 * endpoint in notify.endpoints. HTTP endpoints are POSTed to within notify.timeout_s.
 */
public final class RunNotifications {
    private static final List<String> FIGURES = List.of("total_requests", "successful_requests", "failed_requests",
            "not_sent_requests", "request_throughput", "output_throughput", "p50_ttft_ms", "p99_ttft_ms", "p50_e2el_ms",
            "p99_e2el_ms", "request_goodput", "slo_attainment_pct");

    private final ObjectMapper json = new ObjectMapper();

    /** One message to one endpoint: where it goes and the summary it carries. */
    public record Notification(String endpoint, String summary, String fileName) {
    }

    /** None when the run never opened (its config, and so its endpoints, could not be read). */
    public List<Notification> of(RunOutcome outcome, BenchmarkRun run) throws JsonProcessingException {
        if (run == null) {
            return List.of();
        }
        String summary = json.writeValueAsString(summary(outcome, run));
        long timeoutMs = Math.round(run.config().decimal(Setting.NOTIFY_TIMEOUT_S) * 1000);
        String fileName = outcome.folder().getFileName() + ".json";
        return run.config().list(Setting.NOTIFY_ENDPOINTS).stream()
                .map(endpoint -> new Notification(withTimeouts(endpoint, timeoutMs), summary, fileName))
                .toList();
    }

    static Map<String, Object> summary(RunOutcome outcome, BenchmarkRun run) {
        Map<String, Object> results = outcome.results();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", results.getOrDefault("status", outcome.isInterrupted() ? "interrupted" : "failed"));
        summary.put("dataset", run.dataset().toString());
        summary.put("schedule", run.scheduleFire().map(ScheduleFire::describe).orElse(null));
        summary.put("folder", outcome.folder().toString());
        summary.put("timestamp", results.get("timestamp"));
        if (outcome.message() != null) {
            summary.put("message", outcome.message());
        }
        for (String figure : FIGURES) {
            if (results.get(figure) != null) {
                summary.put(figure, results.get(figure));
            }
        }
        if (results.get("comparison") instanceof Map<?, ?> comparison && comparison.get("flagged") != null) {
            summary.put("regressions", comparison.get("flagged"));
        }
        return summary;
    }

    /** A webhook that hangs must not hold the pipeline: HTTP endpoints get a POST and the timeouts, unless the URI sets them. */
    static String withTimeouts(String endpoint, long timeoutMs) {
        if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
            return endpoint;
        }
        StringBuilder uri = new StringBuilder(endpoint).append(endpoint.contains("?") ? '&' : '?');
        if (!endpoint.contains("httpMethod=")) {
            uri.append("httpMethod=POST&");
        }
        for (String option : List.of("connectTimeout", "responseTimeout", "connectionRequestTimeout")) {
            if (!endpoint.contains(option + "=")) {
                uri.append(option).append('=').append(timeoutMs).append('&');
            }
        }
        return uri.substring(0, uri.length() - 1);
    }
}
