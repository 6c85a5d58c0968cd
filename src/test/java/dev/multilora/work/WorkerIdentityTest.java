package dev.multilora.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.config.ConfigException;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.observe.CurrentRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerIdentityTest {
    @TempDir
    Path work;

    @Test
    void theSelectorTakesRunsThatRequireNothingOrWhatTheWorkerServes() throws IOException {
        WorkerIdentity identity = new WorkerIdentity(() -> config("""
                model: {name: "it's-a-model"}
                work: {gpu: H100, name: gpu-host-1}
                """), new CurrentRun());

        assertEquals("gpu-host-1", identity.name());
        assertEquals(Map.of("engine", "vllm", "model", "it's-a-model", "gpu", "H100"), identity.serves());
        assertEquals("(requires_engine IS NULL OR requires_engine = 'vllm')"
                + " AND (requires_gpu IS NULL OR requires_gpu = 'H100')"
                + " AND (requires_model IS NULL OR requires_model = 'it''s-a-model')", identity.selector());
        Heartbeat heartbeat = identity.heartbeat();
        assertEquals("H100", heartbeat.gpu());
        assertNull(heartbeat.running(), "idle");
    }

    @Test
    void badWorkKeysAreErrorsNamingTheKey() {
        ConfigException requires = assertThrows(ConfigException.class, () -> config("model: {name: m}\nwork: {requires: {gpus: H100}}\n"));
        assertTrue(requires.getMessage().contains("work.requires") && requires.getMessage().contains("gpu, engine, model"),
                requires.getMessage());
        ConfigException url = assertThrows(ConfigException.class, () -> config("model: {name: m}\nwork: {broker_url: \"http://x:1\"}\n"));
        assertTrue(url.getMessage().contains("work.broker_url") && url.getMessage().contains("tcp://"), url.getMessage());
        ConfigException queue = assertThrows(ConfigException.class, () -> config("model: {name: m}\nwork: {queue: \"a queue\"}\n"));
        assertTrue(queue.getMessage().contains("work.queue"), queue.getMessage());
    }

    private EffectiveConfig config(String yaml) {
        try {
            Path file = work.resolve("config.yaml");
            Files.writeString(file, yaml);
            return new ConfigLoader(Map.of(), new Properties(), work).load(file, Map.of());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
