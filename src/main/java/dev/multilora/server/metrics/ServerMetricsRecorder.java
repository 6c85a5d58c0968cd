package dev.multilora.server.metrics;

import dev.multilora.config.Setting;
import dev.multilora.observe.CurrentRun;
import dev.multilora.run.BenchmarkRun;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes the server's own metrics around and during a run's requests (a fleet's servers summed, as
 * one: a sample is taken only when every server answers). A server without /metrics is
 * noted once and left alone: the benchmark does not depend on it. A scrape that fails mid-run is
 * skipped (the server may be too busy to answer in time); only the first one decides availability.
 */
public final class ServerMetricsRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMetricsRecorder.class);

    private final ServerMetricsScraper scraper;
    private final CurrentRun currentRun;

    public ServerMetricsRecorder(ServerMetricsScraper scraper, CurrentRun currentRun) {
        this.scraper = scraper;
        this.currentRun = currentRun;
    }

    public void before(BenchmarkRun run) throws InterruptedException {
        try {
            run.serverMetrics().recordBefore(scrapeAll(run));
        } catch (IOException | IllegalArgumentException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.info("the server's metrics are not available ({}); results.json notes it", reason);
            run.serverMetrics().markUnavailable(reason);
        }
    }

    /** Called by the scraping timer; does nothing between runs. */
    public void during() throws InterruptedException {
        BenchmarkRun run = currentRun.get().orElse(null);
        if (run != null && run.serverMetrics().isAvailable()) {
            try {
                run.serverMetrics().recordDuring(scrapeAll(run));
            } catch (IOException e) {
                LOG.debug("server metrics scrape skipped: {}", e.getMessage());
            }
        }
    }

    public void after(BenchmarkRun run) throws InterruptedException {
        if (run.serverMetrics().isAvailable()) {
            try {
                run.serverMetrics().recordAfter(scrapeAll(run));
            } catch (IOException e) {
                LOG.warn("the server's metrics could not be read after the run: {}", e.getMessage());
            }
        }
    }

    private ServerState scrapeAll(BenchmarkRun run) throws IOException, InterruptedException {
        return scraper.scrapeAll(run.serverUrls(), run.engine(), run.config().optionalString(Setting.SERVER_API_KEY));
    }
}
