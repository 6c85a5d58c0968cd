package dev.multilora.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.Setting;
import dev.multilora.results.RunResults;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.schedule.ScheduleFire;
import dev.multilora.run.RunOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the systems downstream of a run are told once it has ended: a short JSON summary (status,
 * dataset, folder, key figures, regressions flagged against the previous run), one message per
 * endpoint in notify.endpoints. HTTP endpoints are POSTed to within notify.timeout_s; a folder
 * receives the summary whole, under its final name only once written.
 */
public final class RunNotifications {
    private final ObjectMapper json = new ObjectMapper();

    /** One message to one endpoint: where it goes and the summary it carries. */
    public record Notification(String endpoint, String summary, String fileName) {
        /** To an endpoint as notify.endpoints names it, with the timeouts and the whole-file write it needs. */
        static Notification to(String endpoint, long timeoutMs, String summary, String fileName) {
            return new Notification(writtenWhole(withTimeouts(endpoint, timeoutMs), fileName), summary, fileName);
        }
    }

    /** None when the run never opened (its config, and so its endpoints, could not be read). */
    public List<Notification> of(RunOutcome outcome, BenchmarkRun run) throws JsonProcessingException {
        if (run == null) {
            return List.of();
        }
        String summary = json.writeValueAsString(summary(outcome, run));
        long timeoutMs = Math.round(run.config().decimal(Setting.NOTIFY_TIMEOUT_S) * 1000);
        String fileName = (outcome.folder() != null ? outcome.folder().getFileName().toString()
                : run.folder().finished().getFileName().toString()) + ".json";
        return run.config().list(Setting.NOTIFY_ENDPOINTS).stream()
                .map(endpoint -> Notification.to(endpoint, timeoutMs, summary, fileName))
                .toList();
    }

    /** The key figures under results.json's names; only status, dataset and folder when the run measured nothing. */
    static Map<String, Object> summary(RunOutcome outcome, BenchmarkRun run) {
        Map<String, Object> summary = new LinkedHashMap<>();
        RunResults results = outcome.results();
        summary.put("status", results != null ? results.status().label() : outcome.isInterrupted() ? "interrupted" : "failed");
        summary.put("dataset", run.dataset().toString());
        summary.put("schedule", run.scheduleFire().map(ScheduleFire::describe).orElse(null));
        summary.put("folder", outcome.folder() == null ? null : outcome.folder().toString());
        if (results != null) {
            summary.put("timestamp", results.timestamp());
        }
        if (outcome.message() != null) {
            summary.put("message", outcome.message());
        }
        if (results == null) {
            return summary;
        }
        summary.put("total_requests", results.counts().total());
        summary.put("successful_requests", results.counts().successful());
        summary.put("failed_requests", results.counts().failed());
        summary.put("not_sent_requests", results.notSent());
        summary.put("request_throughput", results.serving().requestThroughput());
        summary.put("output_throughput", results.serving().outputThroughput());
        putIfKnown(summary, "p50_ttft_ms", results.serving().ttft().p50());
        putIfKnown(summary, "p99_ttft_ms", results.serving().ttft().p99());
        putIfKnown(summary, "p50_e2el_ms", results.serving().e2el().p50());
        putIfKnown(summary, "p99_e2el_ms", results.serving().e2el().p99());
        putIfKnown(summary, "request_goodput", results.serving().slo().requestGoodput());
        putIfKnown(summary, "slo_attainment_pct", results.serving().slo().attainmentPct());
        results.comparisonFound().ifPresent(comparison -> summary.put("regressions", comparison.flagged()));
        return summary;
    }

    private static void putIfKnown(Map<String, Object> summary, String key, Double value) {
        if (value != null) {
            summary.put(key, value);
        }
    }

    /**
     * Whatever watches a folder (a pipeline's file consumer, a script polling for *.json) must never
     * read a summary half written: it is written under a hidden temporary name and renamed, unless
     * the URI chooses its own temporary name.
     */
    static String writtenWhole(String endpoint, String fileName) {
        if (!endpoint.startsWith("file:") || endpoint.contains("tempFileName=") || endpoint.contains("tempPrefix=")) {
            return endpoint;
        }
        return endpoint + (endpoint.contains("?") ? '&' : '?') + "tempFileName=." + fileName + ".part";
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
