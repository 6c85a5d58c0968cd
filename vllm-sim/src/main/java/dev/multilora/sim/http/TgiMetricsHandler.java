package dev.multilora.sim.http;

import dev.multilora.sim.engine.EngineMetrics;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GET /metrics, always on: a few of TGI's tgi_* series (docs/source/reference/metrics.md), without
 * labels, counters named as metrics-exporter-prometheus names them (no _total suffix).
 */
final class TgiMetricsHandler {

    private final EngineMetrics metrics;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong successes = new AtomicLong();

    TgiMetricsHandler(EngineMetrics metrics) {
        this.metrics = metrics;
    }

    void requestReceived() {
        requests.incrementAndGet();
    }

    void requestSucceeded() {
        successes.incrementAndGet();
    }

    void handle(HttpServerResponse response) {
        PrometheusText text = new PrometheusText("");
        text.header("tgi_request_count", "Total number of requests", "counter")
                .sample("tgi_request_count", "", requests.get())
                .header("tgi_request_success", "Number of successful requests", "counter")
                .sample("tgi_request_success", "", successes.get())
                .gauge("tgi_batch_current_size", "Current batch size", metrics.running())
                .gauge("tgi_queue_size", "Current queue size", metrics.waiting())
                .send(response);
    }
}
