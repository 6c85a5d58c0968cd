package dev.multilora.metrics;

import dev.multilora.results.AdapterColdStart;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which measured requests met a cold adapter, and what that cost. From evidence where the server
 * gives it (vllm-sim reports each request's adapter load: cold means it paid one). Otherwise by
 * position, where that means something: the first request sent with each adapter, on a server
 * started fresh for this run with no warmup; unknown (null) for a reused or external server and
 * for base-model requests. Per adapter: cold TTFT/E2EL set against the warm requests' medians,
 * the swap cost an operator tunes max_loras and max_cpu_loras for.
 */
public final class ColdStarts {
    /** How cold requests were told apart. */
    public enum Basis {
        SERVER("the server's report of each request's adapter load"),
        FIRST_REQUEST("position: the first request of each adapter on a fresh server without warmup"),
        UNKNOWN("unknown: the server does not report adapter loads, and it was reused or external, or a warmup ran");

        private final String description;

        Basis(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final boolean freshUnwarmed;
    private final String baseModel;

    /** @param freshUnwarmed the server was started for this run and no warmup touched the adapters */
    public ColdStarts(boolean freshUnwarmed, String baseModel) {
        this.freshUnwarmed = freshUnwarmed;
        this.baseModel = baseModel;
    }

    /** How this run's cold requests are told apart: by the server's word when any request carries it. */
    public Basis basis(List<RequestRecord> records) {
        if (records.stream().anyMatch(r -> r.adapterLoadSeconds() != null)) {
            return Basis.SERVER;
        }
        return freshUnwarmed ? Basis.FIRST_REQUEST : Basis.UNKNOWN;
    }

    /** True for a request that met a cold adapter, false for a warm one, null when unknown. */
    public Boolean isCold(RequestRecord record) {
        if (!record.isMeasured() || !record.outcome().wasSent() || record.adapterName().equals(baseModel)) {
            return null;
        }
        if (record.adapterLoadSeconds() != null) {
            return record.adapterLoadSeconds() > 0;
        }
        return freshUnwarmed ? record.firstOfAdapter() : null;
    }

    /** Per adapter with a cold request: its first cold TTFT/E2EL and the warm medians, in ms. */
    public Map<String, AdapterColdStart> perAdapter(List<RequestRecord> records) {
        Map<String, AdapterColdStart> figures = new TreeMap<>();
        Map<String, List<RequestRecord>> byAdapter = RecordSelection.byAdapter(RecordSelection.where(records, r -> isCold(r) != null));
        byAdapter.forEach((adapter, ofAdapter) -> {
            List<RequestRecord> cold = RecordSelection.where(ofAdapter, this::isCold);
            if (cold.isEmpty()) {
                return;
            }
            List<RequestRecord> warm = RecordSelection.where(ofAdapter, r -> !isCold(r) && r.succeeded());
            RequestRecord first = cold.get(0);
            ColdAgainstWarm ttft = ColdAgainstWarm.of(first, warm, RequestRecord::ttftSeconds);
            ColdAgainstWarm e2el = ColdAgainstWarm.of(first, warm, RequestRecord::latencySeconds);
            figures.put(adapter, new AdapterColdStart(first.requestId(), cold.size(), ttft.coldMs(), ttft.warmMedianMs(),
                    ttft.penaltyMs(), e2el.coldMs(), e2el.warmMedianMs(), e2el.penaltyMs(),
                    first.adapterLoadSeconds() == null ? null : first.adapterLoadSeconds() * 1000));
        });
        return figures;
    }

    /** One figure of the cold request against the warm median, in milliseconds. */
    private record ColdAgainstWarm(Double coldMs, Double warmMedianMs) {
        static ColdAgainstWarm of(RequestRecord cold, List<RequestRecord> warm, Function<RequestRecord, Double> seconds) {
            Double coldValue = cold.succeeded() ? seconds.apply(cold) : null;
            Double warmMedian = Percentiles.of(RecordSelection.values(warm, seconds)).percentile(50);
            return new ColdAgainstWarm(coldValue == null ? null : coldValue * 1000, warmMedian == null ? null : warmMedian * 1000);
        }

        Double penaltyMs() {
            return coldMs == null || warmMedianMs == null ? null : coldMs - warmMedianMs;
        }
    }
}
