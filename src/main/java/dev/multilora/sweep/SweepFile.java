package dev.multilora.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.config.ConfigException;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.OverrideKeys;
import dev.multilora.config.Setting;
import dev.multilora.engine.ServingEngines;
import dev.multilora.server.ServerCommandLine;
import dev.multilora.server.ServerLaunch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a sweep file (README.md, "Sweeps") into a {@link SweepPlan}, checking everything before any
 * run starts: every key against the config schema, every point's whole configuration as its run
 * will load it, the search and its constraints. Every error names the sweep file and the key.
 */
public final class SweepFile {
    private static final List<String> KEYS = List.of("name", "base", "dataset", "repeats", "overrides", "grid", "points", "search");
    private static final List<String> SEARCH_KEYS = List.of("variable", "low", "high", "tolerance", "constraints");
    private static final Pattern CONSTRAINT = Pattern.compile("\\s*([A-Za-z0-9_.]+)\\s*(<=|>=|<|>)\\s*([-+0-9.eE]+)\\s*");
    private static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]*";
    private static final int DEFAULT_REPEATS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigLoader loader;

    public SweepFile(ConfigLoader loader) {
        this.loader = loader;
    }

    /**
     * @param file          the sweep file
     * @param defaultConfig the config file when the sweep file has no `base:` (the command's --config)
     */
    public SweepPlan read(Path file, Path defaultConfig) {
        return read(file, defaultConfig, file.toAbsolutePath().normalize().getParent());
    }

    /**
     * @param relativeTo the folder its relative paths (base, dataset, paths in values) start from: where
     *                   it was dropped, for a sweep file that has since moved on into inbox/.running/
     */
    public SweepPlan read(Path file, Path defaultConfig, Path relativeTo) {
        Path sweepFile = file.toAbsolutePath().normalize();
        String where = "sweep file " + sweepFile;
        Path folder = relativeTo.toAbsolutePath().normalize();
        Map<?, ?> root = readYaml(sweepFile, where);
        for (Object key : root.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new ConfigException(where + ": " + key + ": unknown key" + OverrideKeys.suggestion(String.valueOf(key), Set.copyOf(KEYS))
                        + "; a sweep file has " + String.join(", ", KEYS));
            }
        }
        String name = name(where, root.get("name"), sweepFile);
        Path configFile = root.get("base") == null ? defaultConfig.toAbsolutePath().normalize()
                : existingFile(where + ": base", root.get("base"), folder);
        Path dataset = root.get("dataset") == null ? null : existingFile(where + ": dataset", root.get("dataset"), folder);
        int repeats = repeats(where, root.get("repeats"));
        Map<String, String> overrides = keyValues(where + ": overrides", root.get("overrides"), folder);

        List<Map<String, String>> combinations = new ArrayList<>(grid(where, root.get("grid"), folder));
        combinations.addAll(points(where, root.get("points"), folder));
        if (combinations.isEmpty()) {
            if (root.get("search") == null) {
                throw new ConfigException(where + ": nothing to sweep: give grid (keys with lists of values), points"
                        + " (a list of combinations) or search");
            }
            combinations.add(Map.of());
        }
        Set<String> swept = new LinkedHashSet<>();
        combinations.forEach(combination -> swept.addAll(combination.keySet()));
        CapacitySearch search = search(where, root.get("search"), folder, swept);
        List<String> identityKeys = new ArrayList<>(swept);
        return new SweepPlan(name, sweepFile, configFile, dataset, repeats, overrides, identityKeys,
                inRunOrder(where, configFile, dataset, overrides, combinations, identityKeys, search), search);
    }

    /**
     * Each combination checked as its run will load its config, then ordered so that the points of
     * one server combination (the same launch command) follow each other: each server starts once.
     */
    private List<SweepPoint> inRunOrder(String where, Path configFile, Path dataset, Map<String, String> overrides,
                                        List<Map<String, String>> combinations, List<String> sweptKeys, CapacitySearch search) {
        Map<List<Object>, List<SweepPoint>> byServer = new LinkedHashMap<>();
        Map<List<Object>, Integer> combinationNumbers = new LinkedHashMap<>();
        for (int i = 0; i < combinations.size(); i++) {
            Map<String, String> values = combinations.get(i);
            Map<String, String> runOverrides = new LinkedHashMap<>(overrides);
            runOverrides.putAll(values);
            String point = where + ": point " + (i + 1) + " (" + new SweepPoint(i + 1, values, null, 0, null).label() + ")";
            EffectiveConfig config;
            try {
                config = loader.load(configFile, runOverrides);
            } catch (ConfigException e) {
                throw new ConfigException(point + ": " + e.getMessage());
            }
            if (dataset == null && config.optionalPath(Setting.DATASET_PATH).isEmpty()) {
                throw new ConfigException(where + ": no dataset: give dataset: in the sweep file or set benchmark.dataset_path in "
                        + configFile);
            }
            if (search != null && config.map(Setting.SLO).isEmpty()) {
                search.constraints().stream().filter(c -> Figures.NEED_SLO.contains(Figures.base(c.figure()))).findFirst()
                        .ifPresent(c -> {
                            throw new ConfigException(point + ": search.constraints: " + c + " needs benchmark.slo"
                                    + " (e.g. overrides: {benchmark.slo: {ttft_ms: 500}}): without it no request is judged good");
                        });
            }
            List<Object> server = serverOf(point, config);
            int combination = combinationNumbers.computeIfAbsent(server, s -> combinationNumbers.size() + 1);
            byServer.computeIfAbsent(server, s -> new ArrayList<>())
                    .add(new SweepPoint(i + 1, values, identity(config, sweptKeys), combination, adapterCount(point, config)));
        }
        return byServer.values().stream().flatMap(List::stream).toList();
    }

    /** What decides whether two runs can share a managed server: the launch itself, as the supervisor compares it. */
    private static List<Object> serverOf(String point, EffectiveConfig config) {
        if (config.string(Setting.SERVER_MODE).equals("external")) {
            return List.of("external");
        }
        ServerLaunch launch = new ServerCommandLine().build(config, catalog(point, config));
        return List.of(launch.argv(), launch.environment());
    }

    private static Integer adapterCount(String point, EffectiveConfig config) {
        return config.string(Setting.SERVER_MODE).equals("external") ? null : catalog(point, config).adapters().size();
    }

    private static AdapterCatalog catalog(String point, EffectiveConfig config) {
        try {
            return new ServerCommandLine().registered(config.optionalPath(Setting.ADAPTERS_DIR)
                    .map(dir -> ServingEngines.of(config).scanAdapters(dir, config.integer(Setting.MAX_LORA_RANK)))
                    .orElse(AdapterCatalog.empty()), config.integer(Setting.LORA_COPIES));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(point + ": " + e.getMessage());
        }
    }

    /** The swept keys' effective values as results.json's config writes them, read back the way a run folder's are. */
    private static JsonNode identity(EffectiveConfig config, List<String> keys) {
        JsonNode nested = JSON.valueToTree(config.asNestedMap());
        ObjectNode identity = JSON.createObjectNode();
        keys.forEach(key -> identity.set(key, RunIdentity.at(nested, key)));
        return RunIdentity.normalized(identity);
    }

    private static Map<?, ?> readYaml(Path file, String where) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(where + " does not exist or is not a file");
        }
        Object root;
        try (InputStream in = Files.newInputStream(file)) {
            root = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromInputStream(in);
        } catch (YamlEngineException e) {
            throw new ConfigException(where + " is not valid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(where + " cannot be read: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException(where + " must be a mapping with base, dataset, grid, points, search ...");
        }
        return map;
    }

    private static String name(String where, Object raw, Path file) {
        if (raw == null) {
            String stem = file.getFileName().toString().replaceFirst("\\.(sweep\\.)?ya?ml$", "").replaceAll("[^A-Za-z0-9_.-]", "_");
            return stem.isEmpty() || !stem.matches(NAME_PATTERN) ? "sweep" : stem;
        }
        if (!(raw instanceof String text) || !text.matches(NAME_PATTERN)) {
            throw new ConfigException(where + ": name: '" + raw + "' is not a valid name (letters, digits, '_', '.', '-')");
        }
        return text;
    }

    private static Path existingFile(String where, Object raw, Path folder) {
        if (!(raw instanceof String text) || text.isBlank()) {
            throw new ConfigException(where + ": expected a path, got " + raw);
        }
        Path path = folder.resolve(text).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(where + ": " + path + " does not exist or is not a file");
        }
        return path;
    }

    private static int repeats(String where, Object raw) {
        if (raw == null) {
            return DEFAULT_REPEATS;
        }
        if (!(raw instanceof Integer count) || count < 1) {
            throw new ConfigException(where + ": repeats: " + raw + ": expected a whole number >= 1");
        }
        return count;
    }

    private static Map<String, String> keyValues(String where, Object raw, Path folder) {
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?> entries)) {
            throw new ConfigException(where + ": expected a mapping of dotted keys, e.g. {benchmark.concurrency: 64}");
        }
        Map<String, String> values = new LinkedHashMap<>();
        entries.forEach((key, value) -> values.put(String.valueOf(key), OverrideKeys.checked(where, String.valueOf(key), value, folder)));
        return values;
    }

    /** The Cartesian product of the grid's lists, the first key varying slowest. */
    private static List<Map<String, String>> grid(String where, Object raw, Path folder) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof Map<?, ?> keys) || keys.isEmpty()) {
            throw new ConfigException(where + ": grid: expected a mapping of dotted keys to lists of values, e.g. {lora.max_loras: [1, 2, 4]}");
        }
        List<Map<String, String>> product = new ArrayList<>();
        product.add(Map.of());
        for (Map.Entry<?, ?> entry : keys.entrySet()) {
            String key = String.valueOf(entry.getKey());
            OverrideKeys.setting(where + ": grid", key);
            if (!(entry.getValue() instanceof List<?> values) || values.isEmpty()) {
                throw new ConfigException(where + ": grid." + key + ": expected a non-empty list of values, e.g. [1, 2, 4]");
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : product) {
                for (Object value : values) {
                    Map<String, String> combination = new LinkedHashMap<>(partial);
                    combination.put(key, OverrideKeys.checked(where + ": grid", key, value, folder));
                    next.add(combination);
                }
            }
            product = next;
        }
        return product;
    }

    private static List<Map<String, String>> points(String where, Object raw, Path folder) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> entries)) {
            throw new ConfigException(where + ": points: expected a list of mappings, e.g. [{lora.copies: 4, lora.max_loras: 2}]");
        }
        List<Map<String, String>> points = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?>)) {
                throw new ConfigException(where + ": points[" + i + "]: expected a mapping of dotted keys to values");
            }
            points.add(keyValues(where + ": points[" + i + "]", entries.get(i), folder));
        }
        return points;
    }

    private static CapacitySearch search(String where, Object raw, Path folder, Set<String> swept) {
        if (raw == null) {
            return null;
        }
        String at = where + ": search";
        if (!(raw instanceof Map<?, ?> search)) {
            throw new ConfigException(at + ": expected a mapping with variable, low, high, tolerance and constraints");
        }
        for (Object key : search.keySet()) {
            if (!SEARCH_KEYS.contains(String.valueOf(key))) {
                throw new ConfigException(at + "." + key + ": unknown key" + OverrideKeys.suggestion(String.valueOf(key), Set.copyOf(SEARCH_KEYS))
                        + "; a search has " + String.join(", ", SEARCH_KEYS));
            }
        }
        Object variable = search.get("variable");
        if (!CapacitySearch.VARIABLES.contains(String.valueOf(variable))) {
            throw new ConfigException(at + ".variable: " + (variable == null ? "missing" : "'" + variable + "'")
                    + ": expected one of " + String.join(", ", CapacitySearch.VARIABLES)
                    + (variable == null ? "" : OverrideKeys.suggestion(String.valueOf(variable), Set.copyOf(CapacitySearch.VARIABLES))));
        }
        String key = variable.toString();
        if (swept.contains(key)) {
            throw new ConfigException(at + ".variable: " + key + " is also swept by grid or points; the search sets it itself");
        }
        double low = bound(at, "low", search.get("low"), key, folder);
        double high = bound(at, "high", search.get("high"), key, folder);
        if (low > high) {
            throw new ConfigException(at + ": low = " + search.get("low") + " is above high = " + search.get("high"));
        }
        double tolerance = search.get("tolerance") == null ? 1.0 : positive(at + ".tolerance", search.get("tolerance"));
        return new CapacitySearch(key, low, high, tolerance, constraints(at + ".constraints", search.get("constraints")));
    }

    private static double bound(String at, String name, Object raw, String variable, Path folder) {
        if (raw == null) {
            throw new ConfigException(at + "." + name + ": missing (the search's " + (name.equals("low") ? "lowest" : "highest")
                    + " " + variable + ")");
        }
        try {
            return Double.parseDouble(OverrideKeys.checked(at, variable, raw, folder));
        } catch (ConfigException e) {
            String reason = e.getMessage().substring(e.getMessage().lastIndexOf(": ") + 2);
            throw new ConfigException(at + "." + name + " = " + raw + ": not a valid " + variable + ": " + reason);
        }
    }

    private static double positive(String at, Object raw) {
        if (!(raw instanceof Number number) || !(number.doubleValue() > 0)) {
            throw new ConfigException(at + ": " + raw + ": expected a number > 0");
        }
        return number.doubleValue();
    }

    private static List<Constraint> constraints(String at, Object raw) {
        if (!(raw instanceof List<?> entries) || entries.isEmpty()) {
            throw new ConfigException(at + ": expected a non-empty list such as [\"p99_ttft_ms <= 500\","
                    + " \"per_adapter.max.p95_ttft_ms <= 800\", \"slo_attainment_pct >= 99\"]");
        }
        List<Constraint> constraints = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String text = String.valueOf(entries.get(i));
            Matcher matcher = CONSTRAINT.matcher(text);
            if (!matcher.matches()) {
                throw new ConfigException(at + "[" + i + "]: '" + text + "': expected FIGURE OP NUMBER, e.g. p99_ttft_ms <= 500"
                        + " (OP one of <=, <, >=, >)");
            }
            String figure = matcher.group(1);
            if (!Figures.names().contains(figure)) {
                throw new ConfigException(at + "[" + i + "]: " + figure + ": unknown figure" + OverrideKeys.suggestion(figure, Figures.names())
                        + "; figures are results.json's (p99_ttft_ms, request_throughput, slo_attainment_pct ...) or"
                        + " per_adapter.max.NAME / per_adapter.min.NAME of adapter_stats (p95_ttft_ms ...)");
            }
            double limit;
            try {
                limit = Double.parseDouble(matcher.group(3));
            } catch (NumberFormatException e) {
                throw new ConfigException(at + "[" + i + "]: '" + matcher.group(3) + "' is not a number");
            }
            constraints.add(new Constraint(figure, matcher.group(2), limit));
        }
        return constraints;
    }
}
