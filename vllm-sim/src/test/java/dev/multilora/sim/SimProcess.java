package dev.multilora.sim;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** bin/vllm-sim as a real child process on a free port, for black-box tests. */
final class SimProcess implements AutoCloseable {

    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir"), "bin", "vllm-sim");
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final Path output;
    private final int port;

    private SimProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** Starts {@code serve MODEL args...} and returns once /health answers 200. */
    static SimProcess start(Map<String, String> environment, String... args) throws Exception {
        SimProcess sim = launch(environment, args);
        sim.awaitHealthy();
        return sim;
    }

    static SimProcess start(String... args) throws Exception {
        return start(Map.of(), args);
    }

    /** Starts without waiting, for start-up failures and the load delay. */
    static SimProcess launch(Map<String, String> environment, String... args) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "serve", "test-model",
                "--port", Integer.toString(port)));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("vllm-sim", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("VLLM_API_KEY");
        builder.environment().remove("VLLM_ALLOW_RUNTIME_LORA_UPDATING");
        builder.environment().putAll(environment);
        return new SimProcess(builder.start(), output, port);
    }

    /** Starts {@code bin/vllm-sim args...} as given, without serve MODEL or --port, without waiting. */
    static SimProcess launchAsGiven(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("vllm-sim", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new SimProcess(process, output, -1);
    }

    /** Runs a command line expected to fail start-up; returns the exit code. */
    int awaitExit() throws InterruptedException, IOException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("vllm-sim did not exit; output:\n" + output());
        }
        return process.exitValue();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("vllm-sim exited with " + process.exitValue() + ":\n" + output());
            }
            if (healthy()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("vllm-sim not healthy in 30 s:\n" + output());
    }

    boolean healthy() throws InterruptedException {
        try {
            HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).build();
            return PROBE.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException refused) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(output);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
