package dev.multilora.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.sim.engine.Batching;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden command lines in, settings out, for every dialect; refusals as each engine refuses. */
class SimCommandLineTest {

    @Test
    void vllmIsTheDefaultDialectAndAlsoAcceptsTheFlagExplicitly() throws Exception {
        ServeConfig implicit = parse("serve", "base");
        assertEquals(Dialect.VLLM, implicit.dialect());
        assertEquals(Batching.VLLM, implicit.engine().batching());
        assertEquals(8000, implicit.port());
        ServeConfig explicit = parse("--sim-dialect", "vllm", "serve", "base", "--port", "8100");
        assertEquals(Dialect.VLLM, explicit.dialect());
        assertEquals(8100, explicit.port());
    }

    @Test
    void vllmKeepsTheLastOfARepeatedSingleValuedFlagAsArgparseDoes() throws Exception {
        ServeConfig config = parse("serve", "base", "--max-lora-rank", "16", "--port", "1", "--enable-lora",
                "--max-loras", "2", "--max-lora-rank", "8", "--port", "2", "--max-loras", "3", "--max-num-seqs", "9",
                "--max-num-seqs", "7", "--max-model-len", "100", "--max-model-len", "200", "--seed", "1", "--seed",
                "5", "--sim-decode-ms", "1", "--sim-decode-ms", "2");
        assertEquals(8, config.maxLoraRank());
        assertEquals(2, config.port());
        assertEquals(3, config.engine().maxLoras());
        assertEquals(7, config.engine().maxNumSeqs());
        assertEquals(200, config.maxModelLen());
        assertEquals(5, config.seed());
        assertEquals(2, config.engine().costs().decodeMs());
    }

    @Test
    void vllmKeepsOnlyTheLastOccurrenceOfAMultiValuedFlag() throws Exception {
        ServeConfig config = parse("serve", "base", "--enable-lora", "--served-model-name", "a", "b",
                "--lora-modules", "x=/x", "y=/y", "--served-model-name", "c", "--lora-modules", "z=/z",
                "--api-key", "k1", "--api-key", "k2");
        assertEquals(List.of("c"), config.servedModelNames());
        assertEquals(List.of("z"), config.loraModules().stream().map(LoraModuleSpec::name).toList());
        assertEquals(List.of("k2"), config.apiKeys());
    }

    @Test
    void vllmAcceptsUnknownFlagsButRecordsThem() throws Exception {
        ServeConfig config = parse("serve", "base", "--dtype", "half", "--enable-lora", "--lora-modules", "a=/a",
                "--trust-remote-code");
        assertEquals(List.of("--dtype", "half", "--trust-remote-code"), config.ignoredArguments());
        assertEquals(List.of("a"), config.loraModules().stream().map(LoraModuleSpec::name).toList());
    }

    @Test
    void unknownDialectIsRefused() {
        StartupFailure failure = assertThrows(StartupFailure.class, () -> parse("--sim-dialect", "lorax"));
        assertEquals(2, failure.exitCode());
        assertTrue(failure.getMessage().contains("invalid choice: 'lorax' (choose from vllm, llamacpp, sglang, tgi)"), failure.getMessage());
    }

    @Test
    void llamaCppGoldenCommandLine() throws Exception {
        ServeConfig config = parse("--sim-dialect", "llamacpp", "-m", "/models/base.gguf", "--alias", "base",
                "--lora", "/a/sql.gguf", "--lora-scaled", "/a/chat:0.5", "--lora", "/a/x.gguf,/a/y", "-np", "8",
                "-c", "16384", "--host", "127.0.0.1", "--port", "9000", "--metrics", "--api-key", "k1,k2", "-n", "64",
                "-ngl", "99", "--no-webui", "--sim-decode-ms", "2");
        assertEquals(Dialect.LLAMACPP, config.dialect());
        assertEquals("/models/base.gguf", config.model());
        assertEquals(List.of("base"), config.servedModelNames());
        assertEquals(List.of("sql", "chat", "x", "y"), config.loraModules().stream().map(LoraModuleSpec::name).toList());
        assertEquals(List.of("/a/sql.gguf", "/a/chat", "/a/x.gguf", "/a/y"),
                config.loraModules().stream().map(LoraModuleSpec::path).toList());
        DialectSettings.LlamaCpp llama = (DialectSettings.LlamaCpp) config.settings();
        assertEquals(List.of(1.0, 0.5, 1.0, 1.0), llama.initialScales());
        assertEquals(8, llama.slots());
        assertEquals(16384, llama.contextSize());
        assertEquals(2048, config.maxModelLen(), "-c is split between the -np slots");
        assertTrue(llama.metrics());
        assertEquals(64, llama.defaultPredict());
        assertEquals(9000, config.port());
        assertEquals(List.of("k1", "k2"), config.apiKeys());
        assertEquals(8, config.engine().maxNumSeqs());
        assertEquals(Batching.LLAMACPP, config.engine().batching());
        assertEquals(2, config.engine().costs().decodeMs());
        assertEquals(List.of(), config.ignoredArguments());
    }

    @Test
    void llamaCppDefaultsAutoSlotsAndInitWithoutApply() throws Exception {
        ServeConfig config = parse("--sim-dialect", "llamacpp", "-m", "/m/base.gguf", "--lora", "/a/sql.gguf",
                "--lora-init-without-apply", "-c", "2048");
        DialectSettings.LlamaCpp llama = (DialectSettings.LlamaCpp) config.settings();
        assertEquals(4, llama.slots(), "-np auto is 4 slots");
        assertEquals(2048, config.maxModelLen(), "auto slots share one unified KV cache");
        assertEquals(List.of(0.0), llama.initialScales());
        assertFalse(llama.metrics());
        assertEquals(-1, llama.defaultPredict());
        assertEquals(8080, config.port());
        assertEquals(List.of("/m/base.gguf"), config.servedModelNames(), "the model path is the id without --alias");
    }

    @Test
    void llamaCppRefusesUnknownFlagsNamingThem() {
        for (String flag : List.of("--frobnicate", "--enable-lora", "--max-loras")) {
            StartupFailure failure = assertThrows(StartupFailure.class,
                    () -> parse("--sim-dialect", "llamacpp", "-m", "/m/base.gguf", flag, "3"));
            assertEquals(1, failure.exitCode());
            assertEquals("error: invalid argument: " + flag, failure.getMessage());
        }
        StartupFailure missing = assertThrows(StartupFailure.class,
                () -> parse("--sim-dialect", "llamacpp", "-m", "/m/base.gguf", "--port"));
        assertEquals(1, missing.exitCode());
        assertTrue(missing.getMessage().contains("\"--port\""), missing.getMessage());
    }

    @Test
    void sglangGoldenCommandLine() throws Exception {
        ServeConfig config = parse("--sim-dialect", "sglang", "--model-path", "/models/base", "--served-model-name",
                "base", "--enable-lora", "--lora-paths", "a=/x/a", "/x/b", "{\"lora_name\":\"c\",\"lora_path\":\"/x/c\"}",
                "--max-loras-per-batch", "4", "--max-loaded-loras", "8", "--max-lora-rank", "64",
                "--lora-target-modules", "q_proj", "v_proj", "--max-running-requests", "32", "--context-length", "2048",
                "--host", "127.0.0.1", "--port", "31000", "--enable-metrics", "--api-key", "k", "--sim-decode-ms=1",
                "--tp-size", "1");
        assertEquals(Dialect.SGLANG, config.dialect());
        assertEquals("/models/base", config.model());
        assertEquals(List.of("base"), config.servedModelNames());
        assertEquals(List.of("a", "/x/b", "c"), config.loraModules().stream().map(LoraModuleSpec::name).toList());
        assertEquals(List.of("/x/a", "/x/b", "/x/c"), config.loraModules().stream().map(LoraModuleSpec::path).toList());
        DialectSettings.Sglang sglang = (DialectSettings.Sglang) config.settings();
        assertEquals(4, sglang.maxLorasPerBatch());
        assertEquals(8, sglang.maxLoadedLoras());
        assertEquals(64, sglang.maxLoraRank());
        assertEquals(List.of("q_proj", "v_proj"), sglang.loraTargetModules());
        assertTrue(sglang.metrics());
        assertEquals(32, config.engine().maxNumSeqs());
        assertEquals(4, config.engine().maxLoras());
        assertEquals(8, config.engine().maxCpuLoras());
        assertEquals(Batching.SGLANG, config.engine().batching());
        assertEquals(2048, config.maxModelLen());
        assertEquals(31000, config.port());
        assertEquals(List.of("k"), config.apiKeys());
        assertEquals(1, config.engine().costs().decodeMs());
    }

    @Test
    void sglangReadsFlagsAsArgparseDoes() throws Exception {
        ServeConfig config = parse("--sim-dialect", "sglang", "--model=/m", "--lora-path", "a=/x/a", "--port", "1",
                "--port=2");
        assertEquals("/m", config.model());
        assertTrue(config.enableLora(), "--lora-paths turns LoRA on");
        assertEquals(List.of("a"), config.loraModules().stream().map(LoraModuleSpec::name).toList());
        assertEquals(2, config.port());
        DialectSettings.Sglang sglang = (DialectSettings.Sglang) config.settings();
        assertEquals(8, sglang.maxLorasPerBatch());
        assertNull(sglang.maxLoadedLoras());
        assertFalse(sglang.metrics());
        assertEquals(30000, parse("--sim-dialect", "sglang", "--model-path", "/m").port());
    }

    @Test
    void sglangRefusesAsArgparseDoes() {
        assertRefused(2, "launch_server.py: error: unrecognized arguments: --frobnicate 3", "--model-path", "/m",
                "--frobnicate", "3");
        assertRefused(2, "ambiguous option: --max-lora could match", "--model-path", "/m", "--max-lora", "3");
        assertRefused(2, "the following arguments are required: --model-path/--model", "--port", "1");
        assertRefused(2, "argument --port: invalid int value: 'x'", "--model-path", "/m", "--port", "x");
        assertRefused(1, "max_loaded_loras (2) should be greater than or equal to max_loras_per_batch (4)",
                "--model-path", "/m", "--max-loras-per-batch", "4", "--max-loaded-loras", "2");
    }

    private static void assertRefused(int exitCode, String message, String... args) {
        String[] withDialect = new String[args.length + 2];
        withDialect[0] = "--sim-dialect";
        withDialect[1] = "sglang";
        System.arraycopy(args, 0, withDialect, 2, args.length);
        StartupFailure failure = assertThrows(StartupFailure.class, () -> parse(withDialect));
        assertEquals(exitCode, failure.exitCode(), failure.getMessage());
        assertTrue(failure.getMessage().contains(message), failure.getMessage());
    }

    @Test
    void tgiGoldenCommandLine() throws Exception {
        // what the pipeline's TgiEngine sends, plus the flags the stand-in reads
        ServeConfig config = parse("--sim-dialect", "tgi", "--model-id", "meta-llama/Llama-2-7b-hf", "--hostname",
                "127.0.0.1", "--port", "3100", "--num-shard", "2", "--max-total-tokens", "2048",
                "--max-concurrent-requests", "64", "--lora-adapters", "a=/x/a,b=/x/b,hub/c", "--max-input-tokens=1024",
                "--max-batch-size", "16", "--sim-decode-ms", "1");
        assertEquals(Dialect.TGI, config.dialect());
        assertEquals("meta-llama/Llama-2-7b-hf", config.model());
        assertEquals(List.of("meta-llama/Llama-2-7b-hf"), config.servedModelNames());
        assertEquals("127.0.0.1", config.host());
        assertEquals(3100, config.port());
        assertEquals(List.of("a", "b", "hub/c"), config.loraModules().stream().map(LoraModuleSpec::name).toList());
        assertEquals(List.of("/x/a", "/x/b", "hub/c"), config.loraModules().stream().map(LoraModuleSpec::path).toList(),
                "an id alone is also its path");
        assertTrue(config.enableLora());
        assertEquals(2048, config.maxModelLen());
        DialectSettings.Tgi tgi = (DialectSettings.Tgi) config.settings();
        assertEquals(64, tgi.maxConcurrentRequests());
        assertEquals(2048, tgi.maxTotalTokens());
        assertEquals(1024, tgi.maxInputTokens());
        assertEquals(2, tgi.numShard());
        assertEquals(16, tgi.maxBatchSize());
        assertEquals(Batching.TGI, config.engine().batching());
        assertEquals(16, config.engine().maxNumSeqs());
        assertEquals(3, config.engine().maxLoras(), "every adapter resident");
        assertEquals(1, config.engine().costs().decodeMs());
        assertTrue(config.apiKeys().isEmpty());
    }

    @Test
    void tgiDefaultsAndShortPort() throws Exception {
        ServeConfig config = parse("--sim-dialect", "tgi", "--model-id=/m", "-p", "3001");
        assertEquals(3001, config.port());
        assertEquals("0.0.0.0", config.host());
        assertFalse(config.enableLora());
        DialectSettings.Tgi tgi = (DialectSettings.Tgi) config.settings();
        assertEquals(128, tgi.maxConcurrentRequests());
        assertEquals(4096, tgi.maxTotalTokens());
        assertEquals(4095, tgi.maxInputTokens());
        assertNull(tgi.maxBatchSize());
        assertEquals(128, config.engine().maxNumSeqs());
        assertEquals(3000, parse("--sim-dialect", "tgi", "--model-id", "/m").port());
        assertEquals(3002, parse("--sim-dialect", "tgi", "--model-id", "/m", "--port=3002").port());
    }

    @Test
    void tgiRefusesAsClapDoes() {
        assertTgiRefused(2, "error: unexpected argument '--frobnicate' found", "--model-id", "/m", "--frobnicate", "3");
        assertTgiRefused(2, "Usage: text-generation-launcher [OPTIONS]", "--model-id", "/m", "--max-loras", "3");
        assertTgiRefused(2, "invalid value 'x' for '--port <PORT>'", "--model-id", "/m", "--port", "x");
        assertTgiRefused(2, "a value is required for '--model-id <MODEL_ID>' but none was supplied", "--model-id");
        assertTgiRefused(2, "the argument '--port <PORT>' cannot be used multiple times", "-p", "1", "--port", "2");
        assertTgiRefused(1, "must be < `max_total_tokens`", "--max-total-tokens", "100", "--max-input-tokens", "100");
    }

    private static void assertTgiRefused(int exitCode, String message, String... args) {
        String[] withDialect = new String[args.length + 2];
        withDialect[0] = "--sim-dialect";
        withDialect[1] = "tgi";
        System.arraycopy(args, 0, withDialect, 2, args.length);
        StartupFailure failure = assertThrows(StartupFailure.class, () -> parse(withDialect));
        assertEquals(exitCode, failure.exitCode(), failure.getMessage());
        assertTrue(failure.getMessage().contains(message), failure.getMessage());
    }

    @Test
    void llamaServersKeyMayComeFromItsEnvironmentVariable() throws StartupFailure {
        ServeConfig fromEnvironment = SimCommandLine.parse(new String[] {"--sim-dialect", "llamacpp", "-m", "/m/base.gguf"},
                Map.of("LLAMA_API_KEY", "k1"));
        ServeConfig fromFlag = SimCommandLine.parse(new String[] {"--sim-dialect", "llamacpp", "-m", "/m/base.gguf", "--api-key", "k2"},
                Map.of("LLAMA_API_KEY", "k1"));

        assertEquals(List.of("k1"), fromEnvironment.apiKeys());
        assertEquals(List.of("k2"), fromFlag.apiKeys(), "the flag wins, as llama-server's arguments beat their variables");
    }

    private static ServeConfig parse(String... args) throws StartupFailure {
        return SimCommandLine.parse(args, Map.of());
    }
}
