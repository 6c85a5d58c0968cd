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
import java.util.Optional;
import java.util.concurrent.Callable;
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
        assertTrue(output.contains("Successful requests:                     40\n"), output);
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

    /**
     * SIGTERM mid-run keeps what was measured as an interrupted run and leaves the dataset to run
     * again once; kill -9 of that second try leaves a half-written run that the next start publishes,
     * and a dataset interrupted twice is filed as failed; SIGINT of an idle watch exits 130.
     */
    @Test
    void watchSurvivesSigtermAndKillNineWithoutLosingOrSilentlyRepeatingWork() throws Exception {
        Path config = writeConfig(freePort(), "50", "benchmark: {concurrency: 2}\ngeneration: {max_tokens: 16}\n");
        Path inbox = work.resolve("inbox");
        Path outbox = work.resolve("outbox");
        Files.createDirectories(inbox);
        Files.copy(PROJECT.resolve("src/test/resources/datasets/forty.jsonl"), work.resolve("nightly.jsonl"));
        Files.move(work.resolve("nightly.jsonl"), inbox.resolve("nightly.jsonl"));

        Process first = watch(config);
        awaitMeasuring(outbox);
        first.destroy();
        assertTrue(first.waitFor(90, TimeUnit.SECONDS));
        assertEquals(143, first.exitValue(), "SIGTERM exits 143: " + watchLog());
        Path interrupted = single(outbox, "nightly-", watchLog());
        String results = Files.readString(interrupted.resolve("results.json"));
        assertTrue(results.contains("\"status\" : \"interrupted\""), results);
        assertEquals(41, Files.readAllLines(interrupted.resolve("results.csv")).size(), "every line has its row");
        assertFalse(Files.exists(interrupted.resolve("_SUCCESS")));
        assertTrue(Files.exists(inbox.resolve(".running/nightly.jsonl")), "the interrupted dataset waits in .running/");

        Process second = watch(config);
        awaitMeasuring(outbox);
        List<ProcessHandle> tree = second.descendants().toList();
        second.toHandle().destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        assertTrue(second.waitFor(30, TimeUnit.SECONDS));

        Process third = watch(config);
        Path failed = awaitFile(inbox.resolve(".failed"));
        assertTrue(failed.getFileName().toString().endsWith("-nightly.jsonl"), "interrupted twice, it is filed as failed");
        Path crashed = awaitCrashedRun(outbox, interrupted);
        String report = Files.readString(crashed.resolve("error.txt"));
        assertTrue(report.contains("Status: interrupted") && report.contains("interrupted twice"), report);
        assertTrue(Files.readAllLines(crashed.resolve("results.csv")).size() > 1, "the crashed run's measured rows are kept");
        third.destroy();
        assertTrue(third.waitFor(60, TimeUnit.SECONDS));
        assertEquals(143, third.exitValue());
        assertFalse(Files.exists(inbox.resolve("nightly.jsonl")), "not run a third time");
    }

    private Process watch(Path config) throws IOException {
        return new ProcessBuilder(LAUNCHER.toString(), "watch", "--config", config.toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("watch.log").toFile()).start();
    }

    /** Until the run in progress has measured a few requests. */
    private static void awaitMeasuring(Path outbox) throws Exception {
        awaitFound("a run that measured something", () -> children(outbox).stream()
                .filter(p -> p.getFileName().toString().endsWith(".partial"))
                .filter(p -> lines(p.resolve("results.csv")) > 4)
                .findFirst());
    }

    private static Path awaitFile(Path folder) throws Exception {
        return awaitFound("a file in " + folder, () -> children(folder).stream().findFirst());
    }

    private static Path awaitCrashedRun(Path outbox, Path earlier) throws Exception {
        return awaitFound("the crashed run published", () -> children(outbox).stream()
                .filter(p -> p.getFileName().toString().startsWith("nightly-") && !p.equals(earlier))
                .filter(p -> Files.exists(p.resolve("error.txt")))
                .findFirst());
    }

    private static Path awaitFound(String what, Callable<Optional<Path>> probe) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < giveUp) {
            Optional<Path> found = probe.call();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 90 s: " + what);
    }

    /** The folder's entries; none while it does not exist yet (it appears as the run starts). */
    private static List<Path> children(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var entries = Files.list(folder)) {
            return entries.toList();
        }
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException notYet) {
            return 0;
        }
    }

    private String watchLog() throws IOException {
        return Files.readString(work.resolve("watch.log"));
    }

    private static Path single(Path outbox, String prefix, String log) throws IOException {
        List<Path> found = children(outbox).stream().filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        assertEquals(1, found.size(), found + "\n" + log);
        return found.get(0);
    }

    private Path writeConfig(int port) throws IOException {
        return writeConfig(port, "1", "");
    }

    private Path writeConfig(int port, String decodeMs, String extra) throws IOException {
        Path config = work.resolve("config.yaml");
        Files.writeString(config, """
                model: {name: base-model}
                server:
                  command: [%s, serve]
                  extra_args: [--sim-decode-ms, "%s"]
                  host: 127.0.0.1
                  port: %d
                  startup_timeout_s: 60
                lora: {adapters_dir: %s, max_loras: 2}
                paths: {outbox: outbox, inbox: inbox}
                %s""".formatted(PROJECT.resolve("bin/vllm-sim"), decodeMs, port, PROJECT.resolve("src/test/resources/adapters"), extra));
        return config;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
