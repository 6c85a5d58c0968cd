package dev.multilora.report.compare;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * Runs side by side: the same figures for each, overall and per adapter, each with its change
 * against the first run, and the configuration keys whose values differ between them.
 *
 * @param runs          the run folders' names, the first being the baseline
 * @param perAdapter    by adapter name, for every adapter any of the runs served
 * @param configChanges dotted key to each run's value, for the keys that differ
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunsComparison(List<String> runs, List<String> statuses, List<Figure> overall, Map<String, List<Figure>> perAdapter,
                             Map<String, List<Object>> configChanges) {

    /**
     * One figure across the runs.
     *
     * @param values         one per run; null where a run has none
     * @param changePct      one per run against the first: null for the first and where either value is missing
     * @param higherIsBetter which way is an improvement
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Figure(String key, String label, List<Double> values, List<Double> changePct, boolean higherIsBetter) {
    }
}
