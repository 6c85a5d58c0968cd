package dev.multilora.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of the config file's `schedules:` list, checked when the config is loaded: a Quartz cron
 * that is valid, a time zone that exists, a dataset file that is there, overrides that name real
 * keys with valid values.
 *
 * @param overrides the entry's own keys, dotted (benchmark.concurrency), as written in the file; applied
 *                  over the file, the environment and -D for this schedule's runs; in file order
 */
public record Schedule(String name, String cron, ZoneId timeZone, Path dataset, Map<String, Object> overrides) {
    public Schedule {
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }
}
