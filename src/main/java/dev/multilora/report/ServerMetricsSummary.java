package dev.multilora.report;

import dev.multilora.metrics.RequestRecord;
import dev.multilora.server.metrics.ServerMetricsSeries;
import dev.multilora.server.metrics.VllmServerState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * results.json's server_metrics: the server's token counters over the run beside the client's own
 * totals, a cross-check that both count the same work. Other traffic to a shared server shows as
 * a larger server delta.
 */
final class ServerMetricsSummary {

    Map<String, Object> of(ServerMetricsSeries series, List<RequestRecord> records) {
        Map<String, Object> summary = new LinkedHashMap<>();
        if (!series.isAvailable()) {
            summary.put("available", false);
            summary.put("reason", series.unavailableReason().orElse("not scraped"));
            return summary;
        }
        VllmServerState before = series.before().orElseThrow();
        VllmServerState after = series.after().orElse(null);
        summary.put("available", true);
        summary.put("prompt_tokens_delta", after == null ? null : delta(before.promptTokens(), after.promptTokens()));
        summary.put("generation_tokens_delta", after == null ? null : delta(before.generationTokens(), after.generationTokens()));
        summary.put("client_prompt_tokens", records.stream().map(RequestRecord::promptTokens).filter(Objects::nonNull)
                .mapToLong(Integer::longValue).sum());
        summary.put("client_output_tokens", records.stream().map(RequestRecord::completionTokens).filter(Objects::nonNull)
                .mapToLong(Integer::longValue).sum());
        summary.put("samples", series.scrapes().size());
        return summary;
    }

    private static Double delta(Double before, Double after) {
        return before == null || after == null ? null : after - before;
    }
}
