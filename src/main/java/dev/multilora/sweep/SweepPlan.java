package dev.multilora.sweep;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep as read and checked from its file: which runs, in which order, on which configuration.
 *
 * @param name       the sweep's name, for its folder: sweep-NAME-TIME
 * @param sweepFile  the file it was read from
 * @param configFile the base config file every run reads
 * @param dataset    the dataset every run benchmarks; null means the base config's benchmark.dataset_path
 * @param repeats    runs per point (per probe in a search)
 * @param overrides  keys every run sets, as override text
 * @param sweptKeys  every key a point sets, in first-seen order: the summary's value columns
 * @param points     in run order: grouped by server combination, each combination's points in file order
 * @param search     the capacity search each point runs; null for a plain sweep
 */
public record SweepPlan(String name, Path sweepFile, Path configFile, Path dataset, int repeats, Map<String, String> overrides,
                        List<String> sweptKeys, List<SweepPoint> points, CapacitySearch search) {
    public SweepPlan {
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        sweptKeys = List.copyOf(sweptKeys);
        points = List.copyOf(points);
    }

    /** This plan with {@code defaults} (the `watch` command's own overrides) set under its own overrides. */
    public SweepPlan under(Map<String, String> defaults) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        merged.putAll(overrides);
        return new SweepPlan(name, sweepFile, configFile, dataset, repeats, merged, sweptKeys, points, search);
    }

    /** Keys that tell one run of the sweep from another: the swept ones and the search's variable. */
    public List<String> identityKeys() {
        if (search == null || sweptKeys.contains(search.variable())) {
            return sweptKeys;
        }
        return java.util.stream.Stream.concat(sweptKeys.stream(), java.util.stream.Stream.of(search.variable())).toList();
    }

    public int serverCombinations() {
        return points.stream().mapToInt(SweepPoint::serverCombination).max().orElse(0);
    }
}
