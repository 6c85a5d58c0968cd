package dev.multilora.observe;

import java.time.Duration;
import java.util.Arrays;

/**
 * Histogram bucket boundaries for the per-request timers, the ones vLLM's own /metrics histograms
 * use (vllm:time_to_first_token_seconds, vllm:time_per_output_token_seconds,
 * vllm:e2e_request_latency_seconds), so the client's and the server's distributions line up bucket
 * for bucket in Prometheus, and `histogram_quantile` gives per-adapter percentiles of either.
 */
final class LatencyBuckets {
    static final Duration[] TTFT = seconds(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0,
            7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0);
    static final Duration[] TPOT = seconds(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5,
            10.0, 20.0, 40.0, 80.0);
    static final Duration[] E2E = seconds(0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0,
            120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0);

    private LatencyBuckets() {
    }

    private static Duration[] seconds(double... boundaries) {
        return Arrays.stream(boundaries).mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);
    }
}
