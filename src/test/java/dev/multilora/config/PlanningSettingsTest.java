package dev.multilora.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request-planning keys: adapter popularity and the arrival process. */
class PlanningSettingsTest {
    @TempDir
    Path dir;

    private EffectiveConfig load(String benchmarkLines, Properties systemProperties) throws IOException {
        Path file = Files.writeString(dir.resolve("config.yaml"), "model:\n  name: base\nbenchmark:\n" + benchmarkLines);
        return new ConfigLoader(Map.of(), systemProperties, dir).load(file, Map.of());
    }

    private EffectiveConfig load(String benchmarkLines) throws IOException {
        return load(benchmarkLines, new Properties());
    }

    @Test
    void defaultsAreUniformClosedLoopPoisson() throws IOException {
        EffectiveConfig config = load("  seed: 1\n");
        assertEquals(Map.of("type", "uniform"), config.map(Setting.ADAPTER_DISTRIBUTION));
        assertEquals(Optional.empty(), config.optionalDecimal(Setting.REQUEST_RATE));
        assertEquals(1.0, config.decimal(Setting.BURSTINESS));
    }

    @Test
    void readsADistributionAndARate() throws IOException {
        EffectiveConfig config = load("  adapter_distribution: {type: zipf, alpha: 1.2}\n  request_rate: 20\n  burstiness: 0.5\n");
        assertEquals(Map.of("type", "zipf", "alpha", "1.2"), config.map(Setting.ADAPTER_DISTRIBUTION));
        assertEquals(Optional.of(20.0), config.optionalDecimal(Setting.REQUEST_RATE));
        assertEquals(0.5, config.decimal(Setting.BURSTINESS));
    }

    @Test
    void aDistributionCanComeFromTheCommandLineAsYaml() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("benchmark.adapter_distribution", "{type: geometric, alpha: 1.5}");
        assertEquals(Map.of("type", "geometric", "alpha", "1.5"), load("", properties).map(Setting.ADAPTER_DISTRIBUTION));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "adapter_distribution: {type: pareto}           | unknown type 'pareto'",
            "adapter_distribution: {type: zipf}             | type zipf needs alpha > 0",
            "adapter_distribution: {type: geometric, alpha: 0.9} | type geometric needs alpha > 1",
            "adapter_distribution: {type: power, alpha: 0}  | type power needs alpha > 0",
            "request_rate: 0                                | must be > 0",
            "burstiness: -1                                 | must be > 0"})
    void badValuesAreRejectedNamingTheKey(String line, String reason) {
        ConfigException e = assertThrows(ConfigException.class, () -> load("  " + line + "\n"));
        String key = "benchmark." + line.substring(0, line.indexOf(':'));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
