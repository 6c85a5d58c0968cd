package dev.multilora.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/multilora-bench as a user runs it: a real JVM, real child processes, signals. */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("bin/multilora-bench").toAbsolutePath();
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void benchRunsFromAnyDirectoryWithTheBundledStandIn() throws Exception {
        Path config = writeConfig(freePort());

        Process bench = new ProcessBuilder(LAUNCHER.toString(), "bench", "--config", config.toString(),
                "--dataset", PROJECT.resolve("src/test/resources/datasets/forty.jsonl").toString())
                .directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(bench.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, bench.exitValue(), output);
        assertTrue(output.contains("requests   40 total, 40 successful, 0 failed"), output);
        assertTrue(output.contains("results    " + work.toRealPath().resolve("outbox")), output);
    }

    @Test
    void serverCommandStopsItsServerOnSigterm() throws Exception {
        Path config = writeConfig(freePort());
        Process server = new ProcessBuilder(LAUNCHER.toString(), "server", "--config", config.toString())
                .directory(work.toFile()).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String ready = null;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("ready at ")) {
                ready = line;
                break;
            }
        }
        assertTrue(ready != null, "the server command says when the server is ready");
        List<ProcessHandle> children = server.descendants().filter(ProcessHandle::isAlive).toList();
        assertFalse(children.isEmpty());

        server.destroy();

        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
        for (ProcessHandle child : children) {
            child.onExit().get(20, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "no server is left behind after SIGTERM");
        }
    }

    private Path writeConfig(int port) throws IOException {
        Path config = work.resolve("config.yaml");
        Files.writeString(config, """
                model: {name: base-model}
                server:
                  command: [%s, serve]
                  extra_args: [--sim-decode-ms, "1"]
                  host: 127.0.0.1
                  port: %d
                  startup_timeout_s: 60
                lora: {adapters_dir: %s, max_loras: 2}
                paths: {outbox: outbox}
                """.formatted(PROJECT.resolve("bin/vllm-sim"), port, PROJECT.resolve("src/test/resources/adapters")));
        return config;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
