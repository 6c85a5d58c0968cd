package dev.multilora.report.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFingerprintTest {

    /** results.json's config of a run made before server.engine, urls, balance and max_num_seqs existed. */
    private static Map<String, Object> olderRun() {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("mode", "managed");
        server.put("command", List.of("vllm", "serve"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", Map.of("name", "m"));
        config.put("server", server);
        config.put("generation", Map.of("max_tokens", 64));
        return config;
    }

    private static Map<String, Object> todaysRun(String engine) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("engine", engine);
        server.put("mode", "managed");
        server.put("urls", List.of());
        server.put("balance", "round_robin");
        server.put("command", null);
        server.put("max_num_seqs", null);
        Map<String, Object> config = new HashMap<>(olderRun());
        config.put("server", server);
        config.put("generation", Map.of("max_tokens", 64, "endpoint", "completions"));
        return config;
    }

    @Test
    void keysThatCameLaterAtTheirDefaultsKeepAnOlderRunsHash() {
        assertEquals(ConfigFingerprint.of(olderRun()), ConfigFingerprint.of(todaysRun("vllm")));
    }

    @Test
    void anotherEngineIsAnotherConfiguration() {
        assertNotEquals(ConfigFingerprint.of(olderRun()), ConfigFingerprint.of(todaysRun("sglang")));
    }
}
