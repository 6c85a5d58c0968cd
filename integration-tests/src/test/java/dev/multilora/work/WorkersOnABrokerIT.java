package dev.multilora.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multilora.config.ConfigLoader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 end to end: an embedded Artemis broker in this JVM, a coordinating `watch`, and two
 * workers as real processes (bin/multilora-bench), each with its own stand-in. Ten datasets are each
 * run exactly once, shared between the workers; a worker killed with kill -9 mid-run hands its run
 * to the other (the broker's redelivery); runs that require a GPU go only to the worker serving it.
 */
class WorkersOnABrokerIT {
    private static final Path LAUNCHER = Path.of("bin/multilora-bench").toAbsolutePath();
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Pattern TAKING = Pattern.compile("taking run (\\S+) of (\\S+) \\(delivery (\\d+)\\)");

    @TempDir
    Path work;

    private final List<Process> processes = new ArrayList<>();
    private EmbeddedBroker broker;

    @AfterEach
    void stopEverything() throws Exception {
        for (Process process : processes) {
            List<ProcessHandle> tree = process.descendants().toList();
            process.toHandle().destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(30, TimeUnit.SECONDS);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void twoWorkersShareTenDatasetsEachRunOnceAndAKilledWorkersRunGoesToTheOther() throws Exception {
        String url = "tcp://127.0.0.1:" + freePort();
        Path coordinator = write("coordinator.yaml", """
                model: {name: base-model}
                paths: {inbox: inbox, outbox: outbox}
                work: {broker_url: "%s", heartbeat_s: 1}
                """.formatted(url));
        broker = EmbeddedBroker.start(new ConfigLoader(Map.of(), new Properties(), work).load(coordinator, Map.of()), "127.0.0.1",
                Integer.parseInt(url.substring(url.lastIndexOf(':') + 1)), work.resolve("broker-data"), 3, 200);
        Process watch = launch("watch", coordinator, "watch.log");
        // the A10G host is the slower one, so the run it is killed in is still going when the kill comes
        Process h100 = launch("worker", worker("h100", "H100", "5", url), "h100.log");
        Path a10gConfig = worker("a10g", "A10G", "40", url);
        Process a10g = launch("worker", a10gConfig, "a10g.log");
        await(Duration.ofSeconds(90), () -> log("h100.log").contains("taking runs from") && log("a10g.log").contains("taking runs from")
                && log("watch.log").contains("watching"), "the coordinator and both workers start");

        Process workers = new ProcessBuilder(LAUNCHER.toString(), "workers", "--config", coordinator.toString())
                .directory(work.toFile()).redirectErrorStream(true).start();
        String listed = new String(workers.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(workers.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, workers.exitValue(), listed);
        assertTrue(listed.lines().anyMatch(line -> line.startsWith("h100 ") && line.contains("H100")), listed);
        assertTrue(listed.lines().anyMatch(line -> line.startsWith("a10g ") && line.contains("A10G")), listed);

        // two runs that only one worker may take, then eight for either
        drop("for-h100", "work: {requires: {gpu: H100}}\n");
        drop("for-a10g", "work: {requires: {gpu: A10G}}\n");
        await(Duration.ofSeconds(120), () -> collected().size() == 2, "the two selected runs are collected");
        for (int i = 1; i <= 8; i++) {
            drop("d" + i, null);
        }
        // kill -9 the A10G worker in the middle of its next run: the H100 worker can run everything that is left
        await(Duration.ofSeconds(120), () -> taken("a10g.log").size() >= 2, "the A10G worker takes a second run");
        String victim = taken("a10g.log").get(1)[1];
        await(Duration.ofSeconds(60), () -> Files.isDirectory(work.resolve("a10g/outbox")) && partialRunOf(victim),
                "the A10G worker is measuring " + victim);
        List<ProcessHandle> tree = a10g.descendants().toList();
        a10g.toHandle().destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        assertTrue(a10g.waitFor(30, TimeUnit.SECONDS));

        await(Duration.ofSeconds(240), () -> collected().size() == 10, "ten runs are collected");
        List<Map<String, Object>> runs = collected();
        Map<String, List<Map<String, Object>>> byDataset = runs.stream().collect(Collectors.groupingBy(WorkersOnABrokerIT::dataset));
        assertEquals(10, byDataset.size(), "each dataset once: " + runs);
        runs.forEach(run -> assertEquals("completed", run.get("status"), run.toString()));
        assertEquals("h100", byDataset.get("for-h100").get(0).get("worker"));
        assertEquals("a10g", byDataset.get("for-a10g").get(0).get("worker"));
        Map<String, Object> redelivered = byDataset.get(victim).get(0);
        assertEquals("h100", redelivered.get("worker"), "the killed worker's run went to the other: " + redelivered);
        assertEquals(2, ((Number) redelivered.get("attempt")).intValue(), "by the broker's redelivery: " + redelivered);
        for (Map<String, Object> run : runs) {
            Path folder = work.resolve("outbox").resolve((String) run.get("run"));
            assertTrue(Files.isRegularFile(folder.resolve("results.json")) && Files.isRegularFile(folder.resolve("results.csv")),
                    "the run folder is collected: " + folder);
        }
        for (String[] taken : taken("h100.log")) {
            assertFalse(taken[1].equals("for-a10g"), "the H100 worker never took the A10G run");
        }
        for (String[] taken : taken("a10g.log")) {
            assertFalse(taken[1].equals("for-h100"), "the A10G worker never took the H100 run");
        }
        assertTrue(watch.isAlive() && h100.isAlive());

        // started again, the killed worker publishes what it measured of its run, as interrupted
        launch("worker", a10gConfig, "a10g-again.log");
        await(Duration.ofSeconds(90), () -> interruptedRunOf(victim) != null, "the killed worker's measured part is collected");
        String report = Files.readString(interruptedRunOf(victim).resolve("error.txt"));
        assertTrue(report.contains("Status: interrupted") && report.contains("killed"), report);
        assertEquals(10, collected().size(), "an interrupted part is no second run in runs.jsonl");

        // a sweep dropped into the coordinator's inbox: its points run on the workers, collected into its folder
        Files.writeString(work.resolve("pair.sweep.yaml"), "dataset: " + PROJECT.resolve("src/test/resources/datasets/forty.jsonl")
                + "\nrepeats: 1\ngrid:\n  benchmark.concurrency: [1, 2]\n");
        Files.move(work.resolve("pair.sweep.yaml"), work.resolve("inbox/pair.sweep.yaml"));
        await(Duration.ofSeconds(120), () -> sweepSummary() != null && "completed".equals(sweepSummary().path("status").asText()),
                "the sweep's two points are run by the workers");
        JsonNode rows = sweepSummary().path("rows");
        assertEquals(2, rows.size(), rows.toString());
        for (int i = 0; i < 2; i++) {
            JsonNode results = new ObjectMapper().readTree(latestSweep().resolve(rows.get(i).path("run").asText())
                    .resolve("results.json").toFile());
            assertEquals(i + 1, results.path("config").path("benchmark").path("concurrency").asInt(), "point " + i + " ran as swept");
        }
        try (var left = Files.list(work.resolve("outbox/.submitted"))) {
            assertEquals(0, left.count(), "nothing is left outstanding");
        }
        assertEquals(10, collected().size(), "the sweep's runs are its folder's, not the outbox's runs.jsonl");
    }

    private Path latestSweep() {
        try (var children = Files.list(work.resolve("outbox"))) {
            return children.filter(path -> path.getFileName().toString().startsWith("sweep-pair-")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private JsonNode sweepSummary() {
        Path folder = latestSweep();
        try {
            return folder == null || !Files.isRegularFile(folder.resolve("summary.json")) ? null
                    : new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private Path interruptedRunOf(String dataset) {
        try (var children = Files.list(work.resolve("outbox"))) {
            return children.filter(path -> path.getFileName().toString().startsWith(dataset + "-"))
                    .filter(path -> Files.isRegularFile(path.resolve("error.txt")))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private Path worker(String name, String gpu, String decodeMs, String url) throws IOException {
        return write(name + ".yaml", """
                model: {name: base-model}
                server:
                  command: [%s, serve]
                  extra_args: [--sim-decode-ms, "%s"]
                  host: 127.0.0.1
                  port: %d
                  startup_timeout_s: 60
                lora: {adapters_dir: %s, max_loras: 2}
                benchmark: {concurrency: 2, num_requests: 20, client_warmup_requests: 0}
                generation: {max_tokens: 8}
                paths: {outbox: %s/outbox, inbox: %s/inbox}
                work: {broker_url: "%s", heartbeat_s: 1, gpu: %s, name: %s}
                """.formatted(PROJECT.resolve("bin/vllm-sim"), decodeMs, freePort(), PROJECT.resolve("src/test/resources/adapters"), name, name,
                url, gpu, name));
    }

    /** Written beside the inbox and renamed into it, as the README asks. */
    private void drop(String name, String sidecar) throws IOException {
        Path inbox = work.resolve("inbox");
        Files.createDirectories(inbox);
        if (sidecar != null) {
            Files.writeString(inbox.resolve(name + ".config.yaml"), sidecar);
        }
        Path staged = work.resolve(name + ".jsonl");
        Files.copy(PROJECT.resolve("src/test/resources/datasets/forty.jsonl"), staged);
        Files.move(staged, inbox.resolve(name + ".jsonl"));
    }

    private boolean partialRunOf(String dataset) {
        try (var children = Files.list(work.resolve("a10g/outbox"))) {
            return children.anyMatch(path -> path.getFileName().toString().matches("\\." + Pattern.quote(dataset) + "-.*\\.partial"));
        } catch (IOException e) {
            return false;
        }
    }

    private List<Map<String, Object>> collected() {
        Path runs = work.resolve("outbox/runs.jsonl");
        List<Map<String, Object>> lines = new ArrayList<>();
        try {
            if (Files.isRegularFile(runs)) {
                for (String line : Files.readAllLines(runs)) {
                    lines.add(new ObjectMapper().readValue(line, new TypeReference<Map<String, Object>>() { }));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }

    /** The runs a worker's log says it took: {id, dataset, delivery}. */
    private List<String[]> taken(String logName) {
        List<String[]> taken = new ArrayList<>();
        Matcher matcher = TAKING.matcher(log(logName));
        while (matcher.find()) {
            taken.add(new String[] {matcher.group(1), matcher.group(2), matcher.group(3)});
        }
        return taken;
    }

    private static String dataset(Map<String, Object> run) {
        String folder = (String) run.get("run");
        return folder.substring(0, folder.lastIndexOf('-', folder.lastIndexOf('-') - 1));
    }

    private Process launch(String command, Path config, String logName) throws IOException {
        Process process = new ProcessBuilder(LAUNCHER.toString(), command, "--config", config.toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve(logName).toFile()).start();
        processes.add(process);
        return process;
    }

    private String log(String name) {
        try {
            Path file = work.resolve(name);
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private Path write(String name, String content) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private void await(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what + "\nwatch:\n" + tail("watch.log") + "\nh100:\n"
                        + tail("h100.log") + "\na10g:\n" + tail("a10g.log"));
            }
            Thread.sleep(200);
        }
    }

    private String tail(String name) {
        List<String> lines = log(name).lines().filter(line -> !line.startsWith("progress")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
