package dev.multilora.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up as vLLM does it: argument checks, adapter checks, load delay, orphan protection. */
class VllmSimStartupIT {

    @TempDir
    Path adapters;

    @Test
    void rankOutsideVllmsChoicesIsAnArgparseError() throws Exception {
        assertFails(2, "argument --max-lora-rank: invalid choice: 7 (choose from 1, 8, 16, 32, 64, 128, 256, 320, 512)",
                "--max-lora-rank", "7");
    }

    @Test
    void cpuCacheSmallerThanGpuSlotsIsRejected() throws Exception {
        assertFails(1, "max_cpu_loras (2) must be >= max_loras (4)", "--enable-lora", "--max-loras", "4",
                "--max-cpu-loras", "2");
    }

    @Test
    void removedFlagIsRejectedLikeArgparse() throws Exception {
        assertFails(2, "unrecognized arguments: --disable-log-requests", "--disable-log-requests");
    }

    @Test
    void invalidJsonLoraModuleIsRejected() throws Exception {
        assertFails(2, "Invalid JSON format for --lora-modules", "--enable-lora", "--lora-modules", "{not json");
    }

    @Test
    void missingAdapterDirectoryEndsStartUp() throws Exception {
        assertFails(1, "No adapter found for " + adapters.resolve("absent"),
                "--enable-lora", "--lora-modules", "a=" + adapters.resolve("absent"));
    }

    @Test
    void adapterWithoutWeightsEndsStartUp() throws Exception {
        Path dir = AdapterDirs.create(adapters, "empty", 8);
        Files.delete(dir.resolve("adapter_model.safetensors"));
        assertFails(1, dir + " doesn't contain tensors", "--enable-lora", "--lora-modules", "empty=" + dir);
    }

    @Test
    void adapterRankAboveMaxLoraRankEndsStartUp() throws Exception {
        Path dir = AdapterDirs.create(adapters, "wide", 32);
        assertFails(1, "LoRA rank 32 is greater than max_lora_rank 16.",
                "--enable-lora", "--lora-modules", "wide=" + dir);
    }

    @Test
    void adapterConfigWithoutRequiredFieldsEndsStartUp() throws Exception {
        Path dir = AdapterDirs.create(adapters, "partial", 8);
        Files.writeString(dir.resolve("adapter_config.json"), "{\"r\": 8}");
        assertFails(1, "Missing required configuration fields: {'lora_alpha', 'target_modules'}",
                "--enable-lora", "--lora-modules", "partial=" + dir);
    }

    @Test
    void unknownFlagsAreAcceptedWithAWarningAndStartUpIsLogged() throws Exception {
        try (SimProcess sim = SimProcess.start("--dtype", "half", "--trust-remote-code")) {
            String output = sim.output();
            assertTrue(output.contains("--dtype half --trust-remote-code"), output);
            assertTrue(output.contains("Starting vLLM API server 0 on http://127.0.0.1:" + sim.port()), output);
        }
    }

    @Test
    void otherDialectsRefuseUnknownFlagsAsTheirEnginesDo() throws Exception {
        try (SimProcess llama = SimProcess.launchAsGiven("--sim-dialect", "llamacpp", "-m", "/m.gguf", "--bogus")) {
            assertEquals(1, llama.awaitExit(), llama.output());
            assertTrue(llama.output().contains("error: invalid argument: --bogus"), llama.output());
        }
        try (SimProcess sglang = SimProcess.launchAsGiven("--sim-dialect", "sglang", "--model-path", "/m", "--bogus")) {
            assertEquals(2, sglang.awaitExit(), sglang.output());
            assertTrue(sglang.output().contains("error: unrecognized arguments: --bogus"), sglang.output());
        }
    }

    @Test
    void portRefusesConnectionsWhileTheModelLoads() throws Exception {
        try (SimProcess sim = SimProcess.launch(Map.of(), "--sim-load-delay-s", "1.5")) {
            Thread.sleep(700);
            assertFalse(sim.healthy(), "port must refuse connections during the load delay");
            sim.awaitHealthy();
        }
    }

    @Test
    void exitsWhenItsParentDies() throws Exception {
        Path launcher = Path.of(System.getProperty("user.dir"), "bin", "vllm-sim");
        int port = SimProcess.freePort();
        Process parent = new ProcessBuilder("bash", "-c", launcher + " serve test-model --port " + port
                + " >/dev/null 2>&1 & echo $!; wait").start();
        long simPid;
        try (BufferedReader firstLine = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
            simPid = Long.parseLong(firstLine.readLine().trim());
        }
        awaitListening(port);
        parent.destroyForcibly().waitFor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (running(simPid) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(running(simPid), "vllm-sim outlived its parent");
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException refused) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing listens on " + port);
    }

    /** An exited orphan stays a zombie where PID 1 does not reap, so zombies count as gone. */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String fields = Files.readString(stat);
        return fields.charAt(fields.lastIndexOf(')') + 2) != 'Z';
    }

    private void assertFails(int exitCode, String message, String... args) throws Exception {
        try (SimProcess sim = SimProcess.launch(Map.of(), args)) {
            int exit = sim.awaitExit();
            String output = sim.output();
            assertEquals(exitCode, exit, output);
            assertTrue(output.contains(message), "expected <" + message + "> in:\n" + output);
        }
    }
}
