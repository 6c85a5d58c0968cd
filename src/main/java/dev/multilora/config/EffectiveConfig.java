package dev.multilora.config;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration one run uses, after layering and validation. Immutable: a run carries its own
 * copy, so a config file edited during `watch` only affects the next dataset.
 */
public final class EffectiveConfig {
    private static final String REDACTED = "<redacted>";

    private final Map<Setting, Object> values;
    private final Path source;
    private final List<Schedule> schedules;

    EffectiveConfig(Map<Setting, Object> values, Path source, List<Schedule> schedules) {
        this.values = new EnumMap<>(values);
        this.source = source;
        this.schedules = List.copyOf(schedules);
    }

    /** The config file's `schedules:`, in file order; `watch` runs them. Not part of any one run's settings. */
    public List<Schedule> schedules() {
        return schedules;
    }

    /** The config file the values were read from. */
    public Path source() {
        return source;
    }

    public String string(Setting setting) {
        return (String) required(setting);
    }

    public int integer(Setting setting) {
        return (Integer) required(setting);
    }

    public long longValue(Setting setting) {
        return (Long) required(setting);
    }

    public double decimal(Setting setting) {
        return (Double) required(setting);
    }

    public boolean flag(Setting setting) {
        return (Boolean) required(setting);
    }

    /** Paths are stored absolute: relative ones were resolved when the config was loaded. */
    public Path path(Setting setting) {
        return Path.of((String) required(setting));
    }

    public Optional<Double> optionalDecimal(Setting setting) {
        return Optional.ofNullable((Double) values.get(setting));
    }

    public Optional<Path> optionalPath(Setting setting) {
        return Optional.ofNullable((String) values.get(setting)).map(Path::of);
    }

    public Optional<Integer> optionalInteger(Setting setting) {
        return Optional.ofNullable((Integer) values.get(setting));
    }

    @SuppressWarnings("unchecked")
    public List<String> list(Setting setting) {
        return (List<String>) required(setting);
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> map(Setting setting) {
        return (Map<String, String>) required(setting);
    }

    /** benchmark.slo as milliseconds per metric (ttft_ms, tpot_ms, e2el_ms). */
    public Map<String, Double> sloMillis() {
        Map<String, Double> slo = new LinkedHashMap<>();
        map(Setting.SLO).forEach((metric, limit) -> slo.put(metric, Double.parseDouble(limit)));
        return slo;
    }

    public Optional<String> optionalString(Setting setting) {
        return Optional.ofNullable((String) values.get(setting));
    }

    /** The setting's value as configured (its default when not set); null when unset without default. */
    public Object value(Setting setting) {
        return values.get(setting);
    }

    public int maxCpuLoras() {
        return optionalInteger(Setting.MAX_CPU_LORAS).orElse(integer(Setting.MAX_LORAS));
    }

    /** The sections and keys as nested maps, in schema order, for results.json and the manifest. */
    public Map<String, Object> asNestedMap() {
        Map<String, Object> nested = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> section =
                    (Map<String, Object>) nested.computeIfAbsent(setting.section(), s -> new LinkedHashMap<String, Object>());
            Object value = setting.isSecret() && values.get(setting) != null ? REDACTED : values.get(setting);
            section.put(setting.key().substring(setting.section().length() + 1), value);
        }
        return nested;
    }

    private Object required(Setting setting) {
        Object value = values.get(setting);
        if (value == null) {
            throw new ConfigException(setting.key() + " is not set (config file " + source + ")");
        }
        return value;
    }
}
