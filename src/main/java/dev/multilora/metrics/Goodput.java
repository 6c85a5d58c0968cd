package dev.multilora.metrics;

import java.util.Map;

/**
 * DistServe's goodput as vLLM's benchmark counts it: a successful request is good when it meets
 * every SLO given (ttft_ms, tpot_ms, e2el_ms). A request with a single output token has no TPOT,
 * which counts as 0.
 */
public final class Goodput {
    private final Map<String, Double> sloMillis;

    public Goodput(Map<String, Double> sloMillis) {
        this.sloMillis = Map.copyOf(sloMillis);
    }

    public boolean isDefined() {
        return !sloMillis.isEmpty();
    }

    public boolean isGood(RequestRecord record) {
        if (!record.succeeded()) {
            return false;
        }
        return within("ttft_ms", record.ttftSeconds()) && within("tpot_ms", record.tpotSeconds() == null ? 0.0 : record.tpotSeconds())
                && within("e2el_ms", record.latencySeconds());
    }

    private boolean within(String metric, Double seconds) {
        Double limit = sloMillis.get(metric);
        return limit == null || (seconds != null && seconds * 1000 <= limit);
    }
}
