package dev.multilora.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.adapter.AdapterCatalog;
import dev.multilora.config.ConfigException;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.server.ServerCommandLine;
import dev.multilora.server.ServerLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden command lines of the engines beside vLLM (whose own are in ServerCommandLineTest), and the keys each refuses. */
class EngineLaunchTest {
    private static final Path PEFT = Path.of("src/test/resources/adapters").toAbsolutePath();
    private static final Path GGUF = Path.of("src/test/resources/gguf-adapters").toAbsolutePath();

    @TempDir
    Path folder;

    @Test
    void sglangGetsItsOwnFlagsWithABaseModelSlot() throws IOException {
        ServerLaunch launch = launch("""
                model: {name: meta-llama/Llama-3.1-8B-Instruct, tensor_parallel_size: 2, max_model_len: 4096}
                server: {engine: sglang, host: 127.0.0.1, port: 30000, max_num_seqs: 64, api_key: sk-1}
                lora: {adapters_dir: %s, max_loras: 2, max_lora_rank: 16, max_cpu_loras: 4}
                """.formatted(PEFT));

        assertEquals(List.of("python3", "-m", "sglang.launch_server", "--model-path", "meta-llama/Llama-3.1-8B-Instruct",
                "--host", "127.0.0.1", "--port", "30000", "--tp-size", "2", "--context-length", "4096",
                "--max-running-requests", "64", "--enable-lora", "--max-loras-per-batch", "3", "--max-loaded-loras", "4",
                "--max-lora-rank", "16", "--enable-metrics",
                "--lora-paths", "alpha=" + PEFT.resolve("alpha"), "beta=" + PEFT.resolve("beta"), "gamma=" + PEFT.resolve("gamma"),
                "--api-key", "sk-1"), launch.argv());
        assertEquals(Map.of(), launch.environment());
        assertFalse(launch.describe().contains("sk-1"), "the key is redacted where the command line is shown");
    }

    @Test
    void sglangsCacheHoldsEveryAdapterItLoadsAtStart() throws IOException {
        ServerLaunch unset = launch("""
                model: {name: m}
                server: {engine: sglang}
                lora: {adapters_dir: %s, max_loras: 1}
                """.formatted(PEFT));
        ConfigException tooSmall = assertThrows(ConfigException.class, () -> launch("""
                model: {name: m}
                server: {engine: sglang}
                lora: {adapters_dir: %s, max_loras: 1, max_cpu_loras: 2}
                """.formatted(PEFT)));

        assertEquals("3", unset.argv().get(unset.argv().indexOf("--max-loaded-loras") + 1), "the three adapters it loads");
        assertTrue(tooSmall.getMessage().contains("lora.max_cpu_loras (its --max-loaded-loras, 2) must be at least the number of adapters (3)"),
                tooSmall.getMessage());
    }

    @Test
    void llamaCppLoadsEveryGgufUnappliedWithSlotsOfTheModelLength() throws IOException {
        ServerLaunch launch = launch("""
                model: {name: /models/base.gguf, max_model_len: 2048}
                server: {engine: llamacpp, host: 127.0.0.1, port: 8080, max_num_seqs: 4}
                lora: {adapters_dir: %s}
                """.formatted(GGUF));

        assertEquals(List.of("llama-server", "-m", "/models/base.gguf", "--host", "127.0.0.1", "--port", "8080", "-np", "4",
                "-c", "8192", "--lora", GGUF.resolve("alpha.gguf").toString(), "--lora", GGUF.resolve("beta.gguf").toString(),
                "--lora", GGUF.resolve("gamma.gguf").toString(),
                "--lora-init-without-apply", "--metrics"), launch.argv());
        assertEquals(Map.of("alpha", GGUF.resolve("alpha.gguf").toString(), "beta", GGUF.resolve("beta.gguf").toString(),
                        "gamma", GGUF.resolve("gamma.gguf").toString()),
                launch.expectedAdapters());
    }

    @Test
    void tgiAndLoraxNameTheirAdaptersAsTheyLoadThem() throws IOException {
        ServerLaunch tgi = launch("""
                model: {name: mistralai/Mistral-7B-v0.1, tensor_parallel_size: 2, max_model_len: 4096}
                server: {engine: tgi, host: 127.0.0.1, port: 3000}
                lora: {adapters_dir: %s}
                """.formatted(PEFT));
        ServerLaunch lorax = launch("""
                model: {name: mistralai/Mistral-7B-v0.1}
                server: {engine: lorax, host: 127.0.0.1, port: 3000, max_num_seqs: 128}
                lora: {adapters_dir: %s, max_loras: 8}
                """.formatted(PEFT));

        assertEquals(List.of("text-generation-launcher", "--model-id", "mistralai/Mistral-7B-v0.1", "--hostname", "127.0.0.1",
                "--port", "3000", "--num-shard", "2", "--max-total-tokens", "4096", "--lora-adapters",
                "alpha=" + PEFT.resolve("alpha") + ",beta=" + PEFT.resolve("beta") + ",gamma=" + PEFT.resolve("gamma")
                        + ",too_big=" + PEFT.resolve("too_big")), tgi.argv(), "TGI takes the rank-64 adapter vLLM's limit excludes");
        assertEquals(List.of("lorax-launcher", "--model-id", "mistralai/Mistral-7B-v0.1", "--hostname", "127.0.0.1",
                "--port", "3000", "--max-concurrent-requests", "128", "--max-active-adapters", "8",
                "--preloaded-adapter-ids", PEFT.resolve("alpha").toString(), "--preloaded-adapter-ids", PEFT.resolve("beta").toString(),
                "--preloaded-adapter-ids", PEFT.resolve("gamma").toString(), "--preloaded-adapter-ids", PEFT.resolve("too_big").toString(),
                "--preloaded-adapter-source", "local"), lorax.argv());
    }

    @Test
    void keysAnEngineLacksAreRefusedNamingTheKeyAndTheEngine() throws IOException {
        ConfigException refused = assertThrows(ConfigException.class, () -> launch("""
                model: {name: /models/base.gguf}
                server: {engine: llamacpp}
                lora: {adapters_dir: %s, max_loras: 2, max_cpu_loras: 4}
                """.formatted(GGUF)));

        assertTrue(refused.getMessage().contains("server.engine is llamacpp, and llama.cpp has no equivalent for lora.max_loras ("),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("lora.max_cpu_loras ("), refused.getMessage());
        assertTrue(refused.getMessage().startsWith(folder.resolve("config.yaml").toString()), refused.getMessage());
        ConfigException noEos = assertThrows(ConfigException.class, () -> ServingEngines.checked(load("""
                model: {name: m}
                server: {engine: tgi, mode: external, url: "http://gpu:3000"}
                generation: {ignore_eos: true}
                """)));
        assertTrue(noEos.getMessage().contains("generation.ignore_eos (TGI's OpenAI endpoints have no ignore_eos)"), noEos.getMessage());
    }

    @Test
    void copiesOfOneGgufAreRefusedAndAKeyFromTheEnvironmentIsNoSettingOfTgis() throws IOException {
        ConfigException copies = assertThrows(ConfigException.class, () -> launch("""
                model: {name: /models/base.gguf}
                server: {engine: llamacpp}
                lora: {adapters_dir: %s, copies: 2}
                """.formatted(GGUF)));
        Path file = folder.resolve("config.yaml");
        Files.writeString(file, "model: {name: m}\nserver: {engine: tgi}\nlora: {adapters_dir: %s}\n".formatted(PEFT));
        EffectiveConfig withKey = new ConfigLoader(Map.of("VLLM_API_KEY", "sk-env"), new Properties(), folder).load(file, Map.of());

        assertTrue(copies.getMessage().contains("lora.copies ("), copies.getMessage());
        ServerLaunch tgi = new ServerCommandLine().build(withKey, ServingEngines.of(withKey).scanAdapters(PEFT, 16));
        assertFalse(String.join(" ", tgi.argv()).contains("sk-env"), "TGI's launcher takes no key: none is passed");
        assertEquals(Map.of(), tgi.environment());
    }

    @Test
    void againstAnExternalServerOnlyRequestKeysAreChecked() throws IOException {
        EffectiveConfig config = load("""
                model: {name: base}
                server: {engine: llamacpp, mode: external, url: "http://gpu:8080"}
                lora: {max_loras: 4}
                """);

        assertEquals("llamacpp", ServingEngines.checked(config).name(), "lora.max_loras is the server's business there");
    }

    @Test
    void everyEngineIsOneTheConfigAccepts() throws IOException {
        for (String name : ServingEngines.names()) {
            assertEquals(name, ServingEngines.of(load("model: {name: m}\nserver: {engine: " + name + "}\n")).name());
        }
        assertThrows(ConfigException.class, () -> load("model: {name: m}\nserver: {engine: ollama}\n"));
    }

    private ServerLaunch launch(String yaml) throws IOException {
        EffectiveConfig config = load(yaml);
        AdapterCatalog catalog = ServingEngines.of(config).scanAdapters(config.path(Setting.ADAPTERS_DIR),
                config.integer(Setting.MAX_LORA_RANK));
        return new ServerCommandLine().build(config, catalog);
    }

    private EffectiveConfig load(String yaml) throws IOException {
        Path file = folder.resolve("config.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(Map.of(), new Properties(), folder).load(file, Map.of());
    }
}
