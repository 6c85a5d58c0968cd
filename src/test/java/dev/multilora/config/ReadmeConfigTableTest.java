package dev.multilora.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReadmeConfigTableTest {

    @Test
    void everySettingIsDocumentedWithItsDefault() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting setting : Setting.values()) {
            String defaultText = setting.defaultValue() == null ? "(unset)" : "`" + asYaml(setting.defaultValue()) + "`";
            String row = "| `" + setting.key() + "` | ";
            assertTrue(readme.contains(row), "README.md has no row for " + setting.key());
            String line = readme.lines().filter(l -> l.startsWith(row)).findFirst().orElseThrow();
            assertTrue(line.contains("| " + defaultText + " |"), "README.md gives the wrong default for " + setting.key() + ": " + line);
        }
    }

    /** Maps as a user writes them in config.yaml ({type: uniform}), not as Java prints them ({type=uniform}). */
    private static String asYaml(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
        }
        return value.toString();
    }
}
