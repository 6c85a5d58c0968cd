package dev.multilora.report;

import dev.multilora.run.BenchmarkRun;
import dev.multilora.server.metrics.ServerMetricsSeries;
import dev.multilora.server.metrics.ServerState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** server_metrics.csv: one row per scrape of the server's /metrics, for the route to marshal as CSV. */
public final class ServerMetricsCsv {
    static final List<String> HEADER = List.of("seconds", "timestamp", "num_requests_running", "num_requests_waiting",
            "kv_cache_usage_perc", "running_lora_adapters", "waiting_lora_adapters", "prompt_tokens_total",
            "generation_tokens_total");

    public List<List<String>> rows(BenchmarkRun run) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ServerMetricsSeries.Scrape scrape : run.serverMetrics().scrapes()) {
            ServerState s = scrape.state();
            rows.add(Arrays.asList(String.format(Locale.ROOT, "%.3f", scrape.seconds()), scrape.at().toString(), text(s.running()),
                    text(s.waiting()), text(s.kvCacheUsage()), text(s.runningAdapters()), text(s.waitingAdapters()),
                    text(s.promptTokens()), text(s.generationTokens())));
        }
        return rows;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
