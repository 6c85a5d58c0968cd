package dev.multilora.report;

import dev.multilora.metrics.RequestRecord;
import dev.multilora.results.ServerMetricsFigures;
import dev.multilora.server.metrics.ServerMetricsSeries;
import dev.multilora.server.metrics.ServerState;
import java.util.List;
import java.util.Objects;

/**
 * results.json's server_metrics: the server's token counters over the run beside the client's own
 * totals, a cross-check that both count the same work. Other traffic to a shared server shows as
 * a larger server delta.
 */
final class ServerMetricsSummary {

    ServerMetricsFigures of(ServerMetricsSeries series, List<RequestRecord> records) {
        if (!series.isAvailable()) {
            return ServerMetricsFigures.unavailable(series.unavailableReason().orElse("not scraped"));
        }
        ServerState before = series.before().orElseThrow();
        ServerState after = series.after().orElse(null);
        return new ServerMetricsFigures(null,
                after == null ? null : delta(before.promptTokens(), after.promptTokens()),
                after == null ? null : delta(before.generationTokens(), after.generationTokens()),
                records.stream().map(RequestRecord::promptTokens).filter(Objects::nonNull).mapToLong(Integer::longValue).sum(),
                records.stream().map(RequestRecord::completionTokens).filter(Objects::nonNull).mapToLong(Integer::longValue).sum(),
                series.scrapes().size());
    }

    private static Double delta(Double before, Double after) {
        return before == null || after == null ? null : after - before;
    }
}
