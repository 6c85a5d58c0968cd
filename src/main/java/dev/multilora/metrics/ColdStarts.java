package dev.multilora.metrics;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which measured requests met a cold adapter: the first request sent for each adapter, when the
 * server was started fresh for this run and no warmup touched the adapters. Unknown (null) for a
 * reused or external server, whose adapters may already be loaded, and for base-model requests.
 * Per adapter, the cold request's TTFT and E2EL set against the warm requests' medians: the swap
 * cost an operator tunes max_loras and max_cpu_loras for.
 */
public final class ColdStarts {
    private final boolean known;
    private final String baseModel;
    private final Set<Integer> coldIds = new HashSet<>();

    public ColdStarts(List<RequestRecord> records, boolean known, String baseModel) {
        this.known = known;
        this.baseModel = baseModel;
        if (known) {
            records.stream().filter(r -> r.isMeasured() && r.startedAt() != null && !r.adapterName().equals(baseModel))
                    .collect(Collectors.groupingBy(RequestRecord::adapterName,
                            Collectors.minBy(Comparator.comparing(RequestRecord::startedAt).thenComparing(RequestRecord::requestId))))
                    .values().forEach(first -> first.ifPresent(r -> coldIds.add(r.requestId())));
        }
    }

    public boolean isKnown() {
        return known;
    }

    /** True for an adapter's first request, false for the others, null when unknown. */
    public Boolean isCold(RequestRecord record) {
        if (!known || !record.isMeasured() || record.startedAt() == null || record.adapterName().equals(baseModel)) {
            return null;
        }
        return coldIds.contains(record.requestId());
    }

    /** Per adapter: cold TTFT/E2EL and the warm medians, in ms; empty when cold starts are unknown. */
    public Map<String, Map<String, Object>> perAdapter(List<RequestRecord> records) {
        Map<String, Map<String, Object>> figures = new TreeMap<>();
        if (!known) {
            return figures;
        }
        Map<String, List<RequestRecord>> byAdapter = records.stream().filter(r -> isCold(r) != null)
                .collect(Collectors.groupingBy(RequestRecord::adapterName));
        byAdapter.forEach((adapter, ofAdapter) -> {
            RequestRecord cold = ofAdapter.stream().filter(this::isCold).findFirst().orElseThrow();
            List<RequestRecord> warm = ofAdapter.stream().filter(r -> !isCold(r) && r.succeeded()).toList();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("cold_request_id", cold.requestId());
            put(entry, "ttft", cold, warm, RequestRecord::ttftSeconds);
            put(entry, "e2el", cold, warm, RequestRecord::latencySeconds);
            figures.put(adapter, entry);
        });
        return figures;
    }

    private static void put(Map<String, Object> entry, String metric, RequestRecord cold, List<RequestRecord> warm,
                            Function<RequestRecord, Double> seconds) {
        Double coldValue = cold.succeeded() ? seconds.apply(cold) : null;
        Double warmMedian = new Percentiles(warm.stream().map(seconds).filter(java.util.Objects::nonNull).toList()).percentile(50);
        entry.put("cold_" + metric + "_ms", coldValue == null ? null : coldValue * 1000);
        entry.put("warm_median_" + metric + "_ms", warmMedian == null ? null : warmMedian * 1000);
        entry.put("cold_penalty_" + metric + "_ms", coldValue == null || warmMedian == null ? null : (coldValue - warmMedian) * 1000);
    }
}
