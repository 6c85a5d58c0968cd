package dev.multilora.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.quartz.CronExpression;

/**
 * Reads the config file's `schedules:` list. Every error names the file, the entry (its index and,
 * once known, its name) and the key.
 */
final class SchedulesReader {
    private static final Set<String> KEYS = Set.of("name", "cron", "time_zone", "dataset", "overrides");
    /** A name is part of a Quartz trigger's URI and of log lines: plain characters only. */
    private static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]*";

    private final String fileName;
    private final Path folder;
    private final boolean datasetsMustExist;
    private final BiFunction<Setting, Object, Object> check;

    /**
     * @param fileName how errors name the file ("config file /x/config.yaml")
     * @param folder   what a relative dataset path resolves against
     * @param datasetsMustExist whether a dataset that is not there is an error now (a command starting) or only
     *                 when that schedule's run opens it (a run re-reading the config)
     * @param check    parses and checks one override's value, throwing IllegalArgumentException with the reason
     */
    SchedulesReader(String fileName, Path folder, boolean datasetsMustExist, BiFunction<Setting, Object, Object> check) {
        this.fileName = fileName;
        this.folder = folder;
        this.datasetsMustExist = datasetsMustExist;
        this.check = check;
    }

    List<Schedule> read(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> entries)) {
            throw new ConfigException(fileName + ": schedules must be a list of entries, each with name, cron and dataset");
        }
        List<Schedule> schedules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Schedule schedule = entry(i, entries.get(i));
            if (!names.add(schedule.name())) {
                throw new ConfigException(fileName + ": schedules[" + i + "] (" + schedule.name()
                        + "): name: another schedule is already named '" + schedule.name() + "'; names must be unique");
            }
            schedules.add(schedule);
        }
        return List.copyOf(schedules);
    }

    private Schedule entry(int index, Object raw) {
        String where = fileName + ": schedules[" + index + "]";
        if (!(raw instanceof Map<?, ?> entry)) {
            throw new ConfigException(where + ": expected a mapping with name, cron and dataset, got " + raw);
        }
        Object name = entry.get("name");
        if (!(name instanceof String text) || !text.matches(NAME_PATTERN)) {
            throw new ConfigException(where + ": name: " + (name == null ? "missing" : "'" + name + "' is not a valid name")
                    + " (letters, digits, '_', '.', '-', starting with a letter or digit)");
        }
        where += " (" + name + ")";
        for (Object key : entry.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new ConfigException(where + ": " + key + ": unknown key" + ConfigLoader.suggestion(String.valueOf(key), KEYS)
                        + "; a schedule has " + String.join(", ", List.of("name", "cron", "time_zone", "dataset", "overrides")));
            }
        }
        return new Schedule(text, cron(where, entry.get("cron")), timeZone(where, entry.get("time_zone")),
                dataset(where, entry.get("dataset")), overrides(where, entry.get("overrides")));
    }

    private static String cron(String where, Object raw) {
        if (!(raw instanceof String cron) || cron.isBlank()) {
            throw new ConfigException(where + ": cron: " + (raw == null ? "missing" : raw + ": expected a string")
                    + " (a Quartz cron expression, e.g. \"0 0 2 * * ?\": sec min hour day-of-month month day-of-week)");
        }
        try {
            CronExpression.validateExpression(cron);
        } catch (ParseException e) {
            throw new ConfigException(where + ": cron: \"" + cron + "\" is not a valid Quartz cron expression: " + e.getMessage()
                    + " (sec min hour day-of-month month day-of-week [year], e.g. \"0 0 2 * * ?\")");
        }
        return cron;
    }

    private static ZoneId timeZone(String where, Object raw) {
        if (raw == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(raw.toString());
        } catch (DateTimeException e) {
            throw new ConfigException(where + ": time_zone: '" + raw + "' is not a time zone (e.g. UTC, Europe/Berlin, America/New_York)");
        }
    }

    private Path dataset(String where, Object raw) {
        if (!(raw instanceof String text) || text.isBlank()) {
            throw new ConfigException(where + ": dataset: " + (raw == null ? "missing" : raw + ": expected a path")
                    + " (the JSONL file each fire benchmarks)");
        }
        Path dataset = Path.of(ConfigLoader.resolvePath(text, folder));
        if (datasetsMustExist && !Files.isRegularFile(dataset)) {
            throw new ConfigException(where + ": dataset: " + dataset + " does not exist or is not a file");
        }
        return dataset;
    }

    private Map<String, Object> overrides(String where, Object raw) {
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?> entries)) {
            throw new ConfigException(where + ": overrides: expected a mapping of dotted keys, e.g. {benchmark.concurrency: 64}");
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Setting setting = Setting.byKey(key).orElseThrow(() -> new ConfigException(where + ": overrides." + key
                    + ": unknown key" + ConfigLoader.suggestion(key, ConfigLoader.allKeys())
                    + (Setting.sections().contains(key) ? "; overrides take dotted keys, e.g. " + key + ".<key>: value" : "")));
            if (entry.getValue() == null) {
                throw new ConfigException(where + ": overrides." + key + ": no value");
            }
            try {
                check.apply(setting, entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + ": overrides." + key + " = " + entry.getValue() + ": " + e.getMessage());
            }
            overrides.put(key, entry.getValue());
        }
        return overrides;
    }
}
