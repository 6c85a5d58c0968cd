package dev.multilora.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dotted config keys (benchmark.concurrency) given outside the config file, as a sweep file gives
 * them: checked against the schema exactly as the file's own keys are, and turned into the text a
 * {@link dev.multilora.run.RunRequest}'s overrides carry.
 */
public final class OverrideKeys {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OverrideKeys() {
    }

    /**
     * @param where  how errors name the place, e.g. "sweep file /x/s.yaml: grid"
     * @param folder what a relative path value resolves against (the file it was written in)
     * @return the value as override text: a path made absolute, a list or map as JSON (which YAML reads back)
     * @throws ConfigException naming the place and key: an unknown key (with a suggestion), a wrong type, an out-of-range value
     */
    public static String checked(String where, String key, Object value, Path folder) {
        Setting setting = setting(where, key);
        if (value == null) {
            throw new ConfigException(where + "." + key + ": no value");
        }
        Object parsed;
        try {
            parsed = setting.parseAndCheck(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + "." + key + " = " + value + ": " + e.getMessage());
        }
        return switch (setting.type()) {
            case PATH -> ConfigLoader.resolvePath((String) parsed, folder);
            case LIST, MAP -> json(parsed);
            default -> parsed.toString();
        };
    }

    /** The key's setting; a ConfigException naming the place and the key, with a suggestion, when there is none. */
    public static Setting setting(String where, String key) {
        return Setting.byKey(key).orElseThrow(() -> new ConfigException(where + "." + key + ": unknown key"
                + ConfigLoader.suggestion(key, ConfigLoader.allKeys())
                + (Setting.sections().contains(key) ? "; give dotted keys, e.g. " + key + ".<key>: value" : "")));
    }

    /** " (did you mean 'x'?)" when one of the known words is close to the typed one; empty otherwise. */
    public static String suggestion(String typed, Set<String> known) {
        return ConfigLoader.suggestion(typed, known);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value instanceof List<?> || value instanceof Map<?, ?> ? value : value.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
