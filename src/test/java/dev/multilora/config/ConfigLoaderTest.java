package dev.multilora.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    private static final String MODEL = "model:\n  name: base-model\n";

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private final Properties props = new Properties();
    private final Map<String, String> cli = new HashMap<>();

    private Path writeConfig(String yaml) throws IOException {
        return writeConfig(dir.resolve("config.yaml"), yaml);
    }

    private static Path writeConfig(Path file, String yaml) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, yaml);
    }

    private EffectiveConfig load(Path file) {
        return new ConfigLoader(env, props, dir.resolve("work")).load(file, cli);
    }

    private EffectiveConfig load(String yaml) throws IOException {
        return load(writeConfig(yaml));
    }

    private ConfigException loadFails(String yaml) throws IOException {
        Path file = writeConfig(yaml);
        return assertThrows(ConfigException.class, () -> load(file));
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void absentKeysTakeTheirDefaults() throws IOException {
        EffectiveConfig config = load(MODEL);
        assertAll(
                () -> assertEquals("base-model", config.string(Setting.MODEL_NAME)),
                () -> assertEquals(4, config.integer(Setting.CONCURRENCY)),
                () -> assertEquals(128, config.integer(Setting.MAX_TOKENS)),
                () -> assertEquals(-1, config.integer(Setting.TOP_K)),
                () -> assertEquals(8000, config.integer(Setting.SERVER_PORT)),
                () -> assertEquals("localhost", config.string(Setting.SERVER_HOST)),
                () -> assertEquals(0.9, config.decimal(Setting.GPU_MEMORY_UTILIZATION)),
                () -> assertEquals(16, config.integer(Setting.MAX_LORA_RANK)),
                () -> assertFalse(config.flag(Setting.SHUFFLE_DATA)),
                () -> assertTrue(config.optionalInteger(Setting.NUM_REQUESTS).isEmpty()),
                () -> assertTrue(config.optionalPath(Setting.ADAPTERS_DIR).isEmpty()));
    }

    @Test
    void fileValuesReplaceDefaults() throws IOException {
        EffectiveConfig config = load(MODEL + "benchmark:\n  concurrency: 9\n  shuffle_data: true\ngeneration:\n  top_p: 0.5\n");
        assertEquals(9, config.integer(Setting.CONCURRENCY));
        assertTrue(config.flag(Setting.SHUFFLE_DATA));
        assertEquals(0.5, config.decimal(Setting.TOP_P));
    }

    @Test
    void cliOverridesBeatSystemPropertiesBeatEnvironmentBeatFile() throws IOException {
        Path file = writeConfig(MODEL + "benchmark:\n  concurrency: 2\n");
        env.put("MULTILORA_BENCHMARK_CONCURRENCY", "3");
        props.setProperty("benchmark.concurrency", "5");
        cli.put("benchmark.concurrency", "7");
        assertEquals(7, load(file).integer(Setting.CONCURRENCY));
        cli.clear();
        assertEquals(5, load(file).integer(Setting.CONCURRENCY));
        props.clear();
        assertEquals(3, load(file).integer(Setting.CONCURRENCY));
        env.clear();
        assertEquals(2, load(file).integer(Setting.CONCURRENCY));
    }

    @Test
    void relativePathInFileResolvesAgainstTheFilesFolder() throws IOException {
        Path file = writeConfig(dir.resolve("conf/config.yaml"), MODEL + "lora:\n  adapters_dir: adapters\n");
        assertEquals(dir.resolve("conf/adapters").toAbsolutePath().normalize(), load(file).path(Setting.ADAPTERS_DIR));
    }

    @Test
    void relativePathsFromEnvironmentPropertiesAndCliResolveAgainstTheWorkingDirectory() throws IOException {
        Path file = writeConfig(dir.resolve("conf/config.yaml"), MODEL + "lora:\n  adapters_dir: adapters\n");
        Path work = dir.resolve("work").toAbsolutePath().normalize();
        env.put("MULTILORA_LORA_ADAPTERS_DIR", "from-env");
        props.setProperty("benchmark.dataset_path", "data/d.jsonl");
        cli.put("paths.outbox", "out");
        EffectiveConfig config = load(file);
        assertEquals(work.resolve("from-env"), config.path(Setting.ADAPTERS_DIR));
        assertEquals(work.resolve("data/d.jsonl"), config.path(Setting.DATASET_PATH));
        assertEquals(work.resolve("out"), config.path(Setting.OUTBOX));
    }

    @Test
    void unknownKeyInFileIsNamedWithFileAndSuggestion() throws IOException {
        ConfigException e = loadFails(MODEL + "benchmark:\n  concurency: 2\n");
        assertMentions(e.getMessage(), "benchmark.concurency", dir.resolve("config.yaml").toString(),
                "did you mean 'benchmark.concurrency'");
    }

    @Test
    void unknownSectionIsNamed() throws IOException {
        ConfigException e = loadFails(MODEL + "benchmrk:\n  concurrency: 2\n");
        assertMentions(e.getMessage(), "unknown section 'benchmrk'", "did you mean 'benchmark'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "benchmark:\\n  concurrency: abc\\n       | benchmark.concurrency | abc",
            "benchmark:\\n  concurrency: 2.5\\n       | benchmark.concurrency | 2.5",
            "benchmark:\\n  shuffle_data: \"yes\"\\n  | benchmark.shuffle_data | yes",
            "benchmark:\\n  concurrency: [1, 2]\\n    | benchmark.concurrency | [1, 2]",
    })
    void wrongTypeNamesKeyAndValue(String yaml, String key, String value) throws IOException {
        ConfigException e = loadFails(MODEL + yaml.replace("\\n", "\n"));
        assertMentions(e.getMessage(), key, value);
    }

    @ParameterizedTest
    @CsvSource({
            "model, gpu_memory_utilization, 0",
            "model, gpu_memory_utilization, 1.5",
            "benchmark, concurrency, 0",
            "benchmark, num_requests, 0",
            "generation, temperature, -0.1",
            "generation, top_p, 0",
            "generation, top_p, 1.1",
            "generation, top_k, 0",
            "generation, top_k, -2",
            "lora, max_lora_rank, 24",
    })
    void valueOutsideItsRangeIsRejected(String section, String key, String value) throws IOException {
        String yaml = section.equals("model") ? MODEL + "  " + key + ": " + value + "\n"
                : MODEL + section + ":\n  " + key + ": " + value + "\n";
        ConfigException e = loadFails(yaml);
        assertMentions(e.getMessage(), section + "." + key, value);
    }

    @ParameterizedTest
    @CsvSource({
            "generation, top_k, -1",
            "generation, top_k, 5",
            "lora, max_lora_rank, 32",
            "model, gpu_memory_utilization, 1",
            "generation, top_p, 1",
    })
    void valueAtOrInsideItsRangeIsAccepted(String section, String key, String value) throws IOException {
        String yaml = section.equals("model") ? MODEL + "  " + key + ": " + value + "\n"
                : MODEL + section + ":\n  " + key + ": " + value + "\n";
        EffectiveConfig config = load(yaml);
        assertEquals(Double.parseDouble(value),
                ((Number) ((Map<?, ?>) config.asNestedMap().get(section)).get(key)).doubleValue());
    }

    @Test
    void maxCpuLorasBelowMaxLorasNamesBoth() throws IOException {
        ConfigException e = loadFails(MODEL + "lora:\n  max_loras: 2\n  max_cpu_loras: 1\n");
        assertMentions(e.getMessage(), "lora.max_cpu_loras", "lora.max_loras");
    }

    @Test
    void metricsAndTheRunApiNeedAPortEach() throws IOException {
        ConfigException e = loadFails(MODEL + "metrics:\n  port: 9400\napi:\n  port: 9400\n");
        assertMentions(e.getMessage(), "metrics.port and api.port are both 9400");
    }

    @Test
    void aFleetsServersAreDistinctWithOrWithoutTheirTrailingSlash() throws IOException {
        ConfigException e = loadFails(MODEL + "server:\n  mode: external\n  urls: [\"http://gpu:8000\", \"http://gpu:8000/\"]\n");
        assertMentions(e.getMessage(), "server.urls", "distinct");
    }

    @Test
    void maxCpuLorasDefaultsToMaxLoras() throws IOException {
        assertEquals(3, load(MODEL + "lora:\n  max_loras: 3\n").maxCpuLoras());
        assertEquals(5, load(MODEL + "lora:\n  max_loras: 3\n  max_cpu_loras: 5\n").maxCpuLoras());
    }

    @Test
    void unknownEnvironmentVariableForASectionIsRejected() throws IOException {
        Path file = writeConfig(MODEL);
        env.put("MULTILORA_BENCHMARK_X", "1");
        ConfigException e = assertThrows(ConfigException.class, () -> load(file));
        assertMentions(e.getMessage(), "MULTILORA_BENCHMARK_X");
    }

    @Test
    void environmentVariablesOutsideTheSettingsAreIgnored() throws IOException {
        Path file = writeConfig(MODEL);
        env.put("PATH", "/usr/bin");
        env.put("MULTILORA_HOME", "/opt/multilora");
        assertEquals(4, load(file).integer(Setting.CONCURRENCY));
    }

    @Test
    void unknownSystemPropertyForASectionIsRejected() throws IOException {
        Path file = writeConfig(MODEL);
        props.setProperty("benchmark.x", "1");
        ConfigException e = assertThrows(ConfigException.class, () -> load(file));
        assertMentions(e.getMessage(), "benchmark.x");
    }

    @Test
    void badValueFromEnvironmentNamesTheVariable() throws IOException {
        Path file = writeConfig(MODEL);
        env.put("MULTILORA_BENCHMARK_CONCURRENCY", "lots");
        ConfigException e = assertThrows(ConfigException.class, () -> load(file));
        assertMentions(e.getMessage(), "MULTILORA_BENCHMARK_CONCURRENCY", "lots");
    }

    @Test
    void missingModelNameIsAnError() throws IOException {
        ConfigException e = loadFails("server:\n  port: 9000\n");
        assertMentions(e.getMessage(), "model.name");
    }

    @Test
    void emptyFileFailsOnlyForTheMissingModelName() throws IOException {
        ConfigException e = loadFails("");
        assertMentions(e.getMessage(), "model.name is required");
        // the same empty file plus a model name loads: nothing else was wrong
        Path file = writeConfig("");
        props.setProperty("model.name", "m");
        assertEquals("m", load(file).string(Setting.MODEL_NAME));
    }

    @Test
    void rootThatIsNotAMappingIsRejected() throws IOException {
        ConfigException e = loadFails("- model\n- server\n");
        assertMentions(e.getMessage(), "mapping", dir.resolve("config.yaml").toString());
    }

    @Test
    void invalidYamlNamesTheFile() throws IOException {
        ConfigException e = loadFails("model:\n  name: [unclosed\n");
        assertMentions(e.getMessage(), "not valid YAML", dir.resolve("config.yaml").toString());
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> load(file));
        assertMentions(e.getMessage(), file.toString());
    }

    private String schedule(String entry) throws IOException {
        Files.writeString(dir.resolve("nightly.jsonl"), "{\"prompt\": \"p\", \"adapter_name\": \"a\"}\n");
        return MODEL + "schedules:\n  - {name: first, cron: \"0 0 1 * * ?\", dataset: nightly.jsonl}\n  - " + entry + "\n";
    }

    @Test
    void schedulesAreReadWithTheirDatasetResolvedAgainstTheFilesFolderAndTheirOverridesChecked() throws IOException {
        EffectiveConfig config = load(schedule("{name: nightly, cron: \"0 0 2 * * ?\", time_zone: Europe/Berlin, dataset: nightly.jsonl,"
                + " overrides: {benchmark.concurrency: 64, lora.max_loras: 4, benchmark.slo: {ttft_ms: 500}}}"));

        Schedule nightly = config.schedules().get(1);
        assertEquals("nightly", nightly.name());
        assertEquals(java.time.ZoneId.of("Europe/Berlin"), nightly.timeZone());
        assertEquals(dir.resolve("nightly.jsonl"), nightly.dataset());
        assertEquals(java.time.ZoneId.systemDefault(), config.schedules().get(0).timeZone(), "the system zone by default");
        assertEquals(4, config.integer(Setting.CONCURRENCY), "overrides apply to the schedule's runs only");
        EffectiveConfig scheduled = new ConfigLoader(env, props, dir.resolve("work")).load(dir.resolve("config.yaml"), null, nightly, cli);
        assertEquals(64, scheduled.integer(Setting.CONCURRENCY));
        assertEquals(4, scheduled.integer(Setting.MAX_LORAS));
        assertEquals(Map.of("ttft_ms", 500.0), scheduled.sloMillis());
    }

    @Test
    void noSchedulesByDefault() throws IOException {
        assertTrue(load(MODEL).schedules().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{name: nightly, cron: \"0 0 2 * * ?\", dataset: nightly.jsonl, overrides: {benchmark.concurency: 64}}"
                    + "| schedules[1] (nightly): overrides.benchmark.concurency: unknown key (did you mean 'benchmark.concurrency'?)",
            "{name: nightly, cron: \"0 0 2 * * ?\", dataset: nightly.jsonl, overrides: {benchmark.concurrency: 0}}"
                    + "| schedules[1] (nightly): overrides.benchmark.concurrency = 0: must be in 1..1024",
            "{name: nightly, cron: \"0 0 2 * * ?\", dataset: nightly.jsonl, overrides: {lora.max_loras: 4, lora.max_cpu_loras: 2}}"
                    + "| schedules[1] (nightly) with its overrides: lora.max_cpu_loras = 2 must be >= lora.max_loras = 4",
            "{name: nightly, cron: \"0 0 25 * * ?\", dataset: nightly.jsonl}"
                    + "| schedules[1] (nightly): cron: \"0 0 25 * * ?\" is not a valid Quartz cron expression",
            "{name: nightly, cron: \"0 0 2 * *\", dataset: nightly.jsonl}"
                    + "| schedules[1] (nightly): cron: \"0 0 2 * *\" is not a valid Quartz cron expression",
            "{name: nightly, cron: \"0 0 2 * * ?\", time_zone: Mars/Olympus, dataset: nightly.jsonl}"
                    + "| schedules[1] (nightly): time_zone: 'Mars/Olympus' is not a time zone",
            "{name: nightly, cron: \"0 0 2 * * ?\", dataset: missing.jsonl}"
                    + "| schedules[1] (nightly): dataset: DIR/missing.jsonl does not exist or is not a file",
            "{name: first, cron: \"0 0 2 * * ?\", dataset: nightly.jsonl}"
                    + "| schedules[1] (first): name: another schedule is already named 'first'",
            "{cron: \"0 0 2 * * ?\", dataset: nightly.jsonl}| schedules[1]: name: missing",
            "{name: nightly, dataset: nightly.jsonl}| schedules[1] (nightly): cron: missing",
            "{name: nightly, cron: \"0 0 2 * * ?\", datset: nightly.jsonl}"
                    + "| schedules[1] (nightly): datset: unknown key (did you mean 'dataset'?)",
            "{name: \"night ly\", cron: \"0 0 2 * * ?\", dataset: nightly.jsonl}| schedules[1]: name: 'night ly' is not a valid name"})
    void aBadScheduleNamesTheFileTheScheduleAndTheKey(String entry, String expected) throws IOException {
        ConfigException e = loadFails(schedule(entry));
        assertMentions(e.getMessage(), "config file " + dir.resolve("config.yaml"), expected.replace("DIR", dir.toString()));
    }

    @Test
    void aScheduleWhoseDatasetWentMissingFailsOnlyItsOwnRun() throws IOException {
        Path file = writeConfig(schedule("{name: nightly, cron: \"0 0 2 * * ?\", dataset: later.jsonl}"
                .replace("later.jsonl", "nightly.jsonl")));
        Files.delete(dir.resolve("nightly.jsonl"));

        assertTrue(new ConfigLoader(env, props, dir.resolve("work")).load(file, null, cli).schedules().size() == 2,
                "a run re-reading the config is not failed by a schedule's missing dataset");
        assertMentions(assertThrows(ConfigException.class, () -> load(file)).getMessage(), "dataset", "does not exist");
    }

    @Test
    void aSidecarHasNoSchedules() throws IOException {
        Path file = writeConfig(MODEL);
        Path sidecar = writeConfig(dir.resolve("inbox/x.config.yaml"), "schedules: []\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(env, props, dir.resolve("work")).load(file, sidecar, cli));
        assertMentions(e.getMessage(), "sidecar " + sidecar, "schedules belong in the config file");
    }

    @ParameterizedTest
    @CsvSource({"${file:name}.done", "${file:name.noext}.ready", "ready-${file:name}"})
    void aDoneFileNameWithCamelsTokensIsAccepted(String doneFile) throws IOException {
        assertEquals(doneFile, load(MODEL + "inbox:\n  done_file: \"" + doneFile + "\"\n").string(Setting.INBOX_DONE_FILE));
    }

    @ParameterizedTest
    @CsvSource({"ready", "${file:name}", "${file:onlyname}.done", "${file:name.noext}.jsonl", "${date:now}-${file:name}"})
    void aDoneFileNameCamelCannotResolvePerDatasetIsRejected(String doneFile) throws IOException {
        assertMentions(loadFails(MODEL + "inbox:\n  done_file: \"" + doneFile + "\"\n").getMessage(), "inbox.done_file", doneFile);
    }
}
