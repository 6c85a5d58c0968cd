package dev.multilora.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Builds a run's {@link EffectiveConfig} from four layers, highest first: command-line options,
 * -D system properties, MULTILORA_* environment variables, the YAML config file; then defaults.
 * Paths from the file resolve against the file's folder; paths from the other layers against the
 * working directory, where the user typed them.
 */
public final class ConfigLoader {
    private static final String ENV_PREFIX = "MULTILORA_";
    /** vLLM's own variable for its API key: the one a vLLM user already has set. */
    private static final String VLLM_API_KEY = "VLLM_API_KEY";
    private static final String SCHEDULES = "schedules";

    private final Map<String, String> environment;
    private final Properties systemProperties;
    private final Path workingDirectory;

    public ConfigLoader(Map<String, String> environment, Properties systemProperties, Path workingDirectory) {
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    public static ConfigLoader fromProcess() {
        return new ConfigLoader(System.getenv(), System.getProperties(), Path.of(""));
    }

    /**
     * The configuration as a command starts with it: also checks that every schedule's dataset is there.
     *
     * @param configFile   the YAML file to read
     * @param cliOverrides values from command-line options, keyed by setting key
     */
    public EffectiveConfig load(Path configFile, Map<String, String> cliOverrides) {
        return load(configFile, null, null, cliOverrides, true);
    }

    /**
     * @param sidecar a dataset's own NAME.config.yaml (same sections and keys), applied last since it
     *                is the most specific; its paths resolve like the config file's; null when none
     */
    public EffectiveConfig load(Path configFile, Path sidecar, Map<String, String> cliOverrides) {
        return load(configFile, sidecar, null, cliOverrides);
    }

    /**
     * A run's configuration. A schedule's missing dataset fails only that schedule's own runs (when
     * they open it), not every run.
     *
     * @param schedule the schedule whose fire this run is: its overrides apply over the command line; null when none
     */
    public EffectiveConfig load(Path configFile, Path sidecar, Schedule schedule, Map<String, String> cliOverrides) {
        return load(configFile, sidecar, schedule, cliOverrides, false);
    }

    private EffectiveConfig load(Path configFile, Path sidecar, Schedule schedule, Map<String, String> cliOverrides,
                                 boolean datasetsMustExist) {
        Path file = configFile.toAbsolutePath().normalize();
        String fileName = "config file " + file;
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, setting.defaultValue() == null ? null : resolvePath(setting, setting.defaultValue(), file.getParent()));
        }
        Map<?, ?> root = readYaml(file, fileName);
        readKeys(root, fileName, true).forEach((setting, raw) -> values.put(setting,
                checked(setting, raw, fileName, file.getParent())));
        List<Schedule> schedules = new SchedulesReader(fileName, file.getParent(), datasetsMustExist,
                (setting, raw) -> resolvePath(setting, setting.parseAndCheck(raw), file.getParent())).read(root.get(SCHEDULES));
        for (Setting setting : Setting.values()) {
            String fromEnv = environment.get(setting.environmentVariable());
            if (fromEnv != null) {
                values.put(setting, checked(setting, fromEnv, "environment variable " + setting.environmentVariable(), workingDirectory));
            }
        }
        if (values.get(Setting.SERVER_API_KEY) == null && environment.get(VLLM_API_KEY) != null) {
            values.put(Setting.SERVER_API_KEY, checked(Setting.SERVER_API_KEY, environment.get(VLLM_API_KEY),
                    "environment variable " + VLLM_API_KEY, workingDirectory));
        }
        rejectUnknownEnvironment();
        rejectUnknownSystemProperties();
        for (Setting setting : Setting.values()) {
            String fromProperty = systemProperties.getProperty(setting.key());
            if (fromProperty != null) {
                values.put(setting, checked(setting, fromProperty, "-D" + setting.key(), workingDirectory));
            }
        }
        cliOverrides.forEach((key, raw) -> {
            Setting setting = Setting.byKey(key).orElseThrow(() -> new IllegalArgumentException("no setting " + key));
            values.put(setting, checked(setting, raw, "command-line option for " + key, workingDirectory));
        });
        for (int i = 0; i < schedules.size(); i++) {
            Map<Setting, Object> scheduled = withOverrides(values, schedules.get(i), fileName, file.getParent());
            try {
                checkTogether(scheduled, file);
            } catch (ConfigException e) {
                throw new ConfigException(fileName + ": schedules[" + i + "] (" + schedules.get(i).name() + ") with its overrides: "
                        + e.getMessage());
            }
        }
        if (schedule != null) {
            values.putAll(withOverrides(values, schedule, fileName, file.getParent()));
        }
        if (sidecar != null) {
            Path own = sidecar.toAbsolutePath().normalize();
            String sidecarName = "sidecar " + own;
            readKeys(readYaml(own, sidecarName), sidecarName, false)
                    .forEach((setting, raw) -> values.put(setting, checked(setting, raw, sidecarName, file.getParent())));
        }
        checkTogether(values, file);
        return new EffectiveConfig(values, file, schedules);
    }

    private Map<Setting, Object> withOverrides(Map<Setting, Object> values, Schedule schedule, String fileName, Path folder) {
        Map<Setting, Object> scheduled = new EnumMap<>(values);
        schedule.overrides().forEach((key, raw) -> {
            Setting setting = Setting.byKey(key).orElseThrow();
            scheduled.put(setting, checked(setting, raw, fileName + ": schedule " + schedule.name() + ": overrides", folder));
        });
        return scheduled;
    }

    private static Map<?, ?> readYaml(Path file, String name) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(name + " does not exist or is not a file");
        }
        Object root;
        try (InputStream in = Files.newInputStream(file)) {
            root = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromInputStream(in);
        } catch (YamlEngineException e) {
            throw new ConfigException(name + " is not valid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(name + " cannot be read: " + e.getMessage());
        }
        if (root == null) {
            return Map.of();
        }
        if (!(root instanceof Map<?, ?> sections)) {
            throw new ConfigException(name + " must be a mapping of sections (model, server, lora, ...)");
        }
        return sections;
    }

    /** @param schedulesAllowed only the config file has schedules: a sidecar is one dataset's settings */
    private static Map<Setting, Object> readKeys(Map<?, ?> sections, String name, boolean schedulesAllowed) {
        Map<Setting, Object> found = new LinkedHashMap<>();
        for (Map.Entry<?, ?> section : sections.entrySet()) {
            String sectionName = String.valueOf(section.getKey());
            if (sectionName.equals(SCHEDULES)) {
                if (!schedulesAllowed) {
                    throw new ConfigException(name + ": schedules belong in the config file, not in a dataset's sidecar");
                }
                continue;
            }
            if (!Setting.sections().contains(sectionName)) {
                Set<String> known = new java.util.TreeSet<>(Setting.sections());
                if (schedulesAllowed) {
                    known.add(SCHEDULES);
                }
                throw new ConfigException(name + ": unknown section '" + sectionName + "'"
                        + suggestion(sectionName, known) + "; known sections: " + known);
            }
            if (section.getValue() == null) {
                continue;
            }
            if (!(section.getValue() instanceof Map<?, ?> keys)) {
                throw new ConfigException(name + ": section '" + sectionName + "' must be a mapping of keys");
            }
            for (Map.Entry<?, ?> entry : keys.entrySet()) {
                String key = sectionName + "." + entry.getKey();
                Setting setting = Setting.byKey(key).orElseThrow(() -> new ConfigException(name
                        + ": unknown key '" + key + "'" + suggestion(key, allKeys())));
                boolean collection = entry.getValue() instanceof Map || entry.getValue() instanceof Iterable;
                boolean collectionExpected = setting.type() == ValueType.LIST || setting.type() == ValueType.MAP;
                if (collection && !collectionExpected) {
                    throw new ConfigException(name + ": " + key + " = " + entry.getValue()
                            + ": expected " + setting.type().describe());
                }
                found.put(setting, entry.getValue());
            }
        }
        return found;
    }

    private Object checked(Setting setting, Object raw, String origin, Path relativeTo) {
        if (raw == null) {
            return null;
        }
        try {
            return resolvePath(setting, setting.parseAndCheck(raw), relativeTo);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin + ": " + setting.key() + " = " + raw + ": " + e.getMessage());
        }
    }

    private static Object resolvePath(Setting setting, Object value, Path relativeTo) {
        return setting.type() == ValueType.PATH ? resolvePath((String) value, relativeTo) : value;
    }

    static String resolvePath(String path, Path relativeTo) {
        String text = path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
        return relativeTo.resolve(text).toAbsolutePath().normalize().toString();
    }

    private void rejectUnknownEnvironment() {
        for (String name : environment.keySet()) {
            if (!name.startsWith(ENV_PREFIX)) {
                continue;
            }
            String rest = name.substring(ENV_PREFIX.length());
            boolean looksLikeSetting = Setting.sections().stream()
                    .anyMatch(s -> rest.startsWith(s.toUpperCase(java.util.Locale.ROOT) + "_"));
            boolean known = java.util.Arrays.stream(Setting.values()).anyMatch(s -> s.environmentVariable().equals(name));
            if (looksLikeSetting && !known) {
                throw new ConfigException("environment variable " + name + " names no setting"
                        + suggestion(name, java.util.Arrays.stream(Setting.values()).map(Setting::environmentVariable)
                        .collect(java.util.stream.Collectors.toSet())));
            }
        }
    }

    private void rejectUnknownSystemProperties() {
        for (String name : systemProperties.stringPropertyNames()) {
            int dot = name.indexOf('.');
            if (dot > 0 && Setting.sections().contains(name.substring(0, dot)) && Setting.byKey(name).isEmpty()) {
                throw new ConfigException("-D" + name + " names no setting" + suggestion(name, allKeys()));
            }
        }
    }

    private static void checkTogether(Map<Setting, Object> values, Path file) {
        if (values.get(Setting.MODEL_NAME) == null) {
            throw new ConfigException("config file " + file + ": model.name is required (the base model's name)");
        }
        if (values.get(Setting.SERVER_URL) != null && "managed".equals(values.get(Setting.SERVER_MODE))) {
            throw new ConfigException("config file " + file + ": server.url = " + values.get(Setting.SERVER_URL)
                    + " is for server.mode external; a managed server listens on server.host and server.port");
        }
        if (!((List<?>) values.get(Setting.SERVER_URLS)).isEmpty() && "managed".equals(values.get(Setting.SERVER_MODE))) {
            throw new ConfigException("config file " + file + ": server.urls = " + values.get(Setting.SERVER_URLS)
                    + " is for server.mode external: this tool starts one managed server");
        }
        @SuppressWarnings("unchecked")
        Map<String, String> slo = (Map<String, String>) values.get(Setting.SLO);
        boolean streaming = (Boolean) values.get(Setting.STREAM);
        for (String needsStream : new String[] {"ttft_ms", "tpot_ms"}) {
            if (slo.containsKey(needsStream) && !streaming) {
                throw new ConfigException("benchmark.slo." + needsStream + " needs generation.stream: true"
                        + " (time to first token is only seen on a stream)");
            }
        }
        // Camel 4.17 drops the management server's settings when it shares the API server's port (CAMEL-25462).
        if (values.get(Setting.METRICS_PORT) != null && values.get(Setting.METRICS_PORT).equals(values.get(Setting.API_PORT))) {
            throw new ConfigException("config file " + file + ": metrics.port and api.port are both " + values.get(Setting.METRICS_PORT)
                    + ": the metrics and the run API need a port each");
        }
        Integer maxLoras = (Integer) values.get(Setting.MAX_LORAS);
        Integer maxCpuLoras = (Integer) values.get(Setting.MAX_CPU_LORAS);
        if (maxCpuLoras != null && maxCpuLoras < maxLoras) {
            throw new ConfigException("lora.max_cpu_loras = " + maxCpuLoras + " must be >= lora.max_loras = " + maxLoras
                    + " (vLLM refuses to start otherwise)");
        }
    }

    static Set<String> allKeys() {
        return java.util.Arrays.stream(Setting.values()).map(Setting::key).collect(java.util.stream.Collectors.toSet());
    }

    static String suggestion(String typed, Set<String> known) {
        return known.stream()
                .min(Comparator.comparingInt(candidate -> EditDistance.between(typed, candidate)))
                .filter(best -> EditDistance.between(typed, best) <= Math.max(2, typed.length() / 4))
                .map(best -> " (did you mean '" + best + "'?)")
                .orElse("");
    }
}
