package dev.multilora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.adapter.AdapterScanner;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden command lines: what vLLM is started with for given configs. */
class ServerCommandLineTest {
    private static final Path ADAPTERS = Path.of("src/test/resources/adapters").toAbsolutePath();

    @TempDir
    Path folder;

    @Test
    void aTypicalConfigGivesVllmsDocumentedCommandLine() throws IOException {
        EffectiveConfig config = load("""
                model: {name: meta-llama/Llama-3.1-8B-Instruct, tensor_parallel_size: 2, gpu_memory_utilization: 0.85, max_model_len: 8192}
                server: {command: [vllm, serve], host: 0.0.0.0, port: 8001, extra_args: [--enable-prefix-caching]}
                lora: {adapters_dir: %s, max_loras: 2, max_lora_rank: 16, max_cpu_loras: 4}
                """.formatted(ADAPTERS), Map.of());

        ServerLaunch launch = new ServerCommandLine().build(config, scan(config));

        assertEquals(List.of("vllm", "serve", "meta-llama/Llama-3.1-8B-Instruct", "--host", "0.0.0.0", "--port", "8001",
                "--tensor-parallel-size", "2", "--gpu-memory-utilization", "0.85", "--max-model-len", "8192",
                "--enable-lora", "--max-loras", "2", "--max-lora-rank", "16", "--max-cpu-loras", "4",
                "--lora-modules", "alpha=" + ADAPTERS.resolve("alpha"), "beta=" + ADAPTERS.resolve("beta"),
                "gamma=" + ADAPTERS.resolve("gamma"), "--enable-prefix-caching"), launch.argv());
        assertFalse(launch.argv().contains("--disable-log-requests"));
        assertEquals("http://0.0.0.0:8001", launch.baseUrl());
    }

    @Test
    void defaultsCopiesARelativeCommandAndTheApiKey() throws IOException {
        EffectiveConfig config = load("""
                model: {name: base}
                server: {command: [bin/vllm-sim, serve], api_key: secret, env: {VLLM_ALLOW_RUNTIME_LORA_UPDATING: "1"}}
                lora: {adapters_dir: %s, copies: 2, max_lora_rank: 8}
                """.formatted(ADAPTERS), Map.of());

        ServerCommandLine commandLine = new ServerCommandLine();
        AdapterCatalog registered = commandLine.registered(scan(config), 2);
        ServerLaunch launch = commandLine.build(config, registered);

        assertEquals(List.of(folder.resolve("bin/vllm-sim").toString(), "serve", "base", "--host", "localhost", "--port", "8000",
                "--tensor-parallel-size", "1", "--gpu-memory-utilization", "0.9",
                "--enable-lora", "--max-loras", "1", "--max-lora-rank", "8", "--max-cpu-loras", "1",
                "--lora-modules", "alpha-1=" + ADAPTERS.resolve("alpha"), "alpha-2=" + ADAPTERS.resolve("alpha"),
                "gamma-1=" + ADAPTERS.resolve("gamma"), "gamma-2=" + ADAPTERS.resolve("gamma")), launch.argv());
        assertEquals(Map.of("VLLM_API_KEY", "secret", "VLLM_ALLOW_RUNTIME_LORA_UPDATING", "1"), launch.environment());
        assertFalse(String.join(" ", launch.argv()).contains("secret"), "the key travels in the environment only");
    }

    private EffectiveConfig load(String yaml, Map<String, String> env) throws IOException {
        Path file = folder.resolve("config.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(env, new Properties(), folder).load(file, Map.of());
    }

    private static AdapterCatalog scan(EffectiveConfig config) {
        return new AdapterScanner().scan(ADAPTERS, config.integer(dev.multilora.config.Setting.MAX_LORA_RANK));
    }
}
