package dev.multilora.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.testing.FakeVllm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bench command end to end in this JVM: real routes, a local vLLM-like server, exit statuses. */
class CommandLineTest {
    private static final Path DATASET = Path.of("src/test/resources/datasets/forty.jsonl").toAbsolutePath();

    @TempDir
    Path work;

    private FakeVllm server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void start() throws IOException {
        server = new FakeVllm("base-model", Set.of("alpha", "beta", "gamma"), 5);
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        server.close();
    }

    @Test
    void schedulesListsEachScheduleWithItsNextFireTimes() throws IOException {
        Path config = Files.writeString(work.resolve("schedules.yaml"), """
                model: {name: base-model}
                schedules:
                  - name: nightly
                    cron: "0 30 2 * * ?"
                    time_zone: UTC
                    dataset: %s
                    overrides: {benchmark.concurrency: 64}
                """.formatted(DATASET));

        int status = execute("schedules", "--config", config.toString());

        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("nightly\n  cron      0 30 2 * * ? (UTC)\n  dataset   " + DATASET), printed);
        assertTrue(printed.contains("overrides benchmark.concurrency=64"), printed);
        String next = printed.lines().filter(l -> l.startsWith("  next")).findFirst().orElseThrow();
        assertEquals(3, next.split(", ").length, next);
        assertTrue(java.util.Arrays.stream(next.substring("  next".length()).trim().split(", ")).allMatch(t -> t.endsWith("T02:30Z")), next);
    }

    @Test
    void schedulesExitsTwoNamingTheScheduleAndKeyOfABadConfig() throws IOException {
        Path config = Files.writeString(work.resolve("schedules.yaml"), """
                model: {name: base-model}
                schedules:
                  - {name: nightly, cron: "0 0 2 * * ?", dataset: %s, overrides: {benchmark.concurency: 64}}
                """.formatted(DATASET));

        int status = execute("schedules", "--config", config.toString());

        assertEquals(2, status);
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.contains("schedules[0] (nightly): overrides.benchmark.concurency: unknown key (did you mean 'benchmark.concurrency'?)"), error);
    }

    @Test
    void benchPrintsTheSummaryAndExitsZero() throws IOException {
        int status = execute("bench", "--config", config(server.port()).toString(), "--dataset", DATASET.toString(),
                "--num-requests", "12");

        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("============ Serving Benchmark Result ============"), printed);
        assertTrue(printed.contains("Successful requests:                     12\n"), printed);
        assertTrue(printed.contains("Failed requests:                         0 (0 invalid lines)\n"), printed);
        assertTrue(printed.contains("results    " + work.resolve("outbox").toRealPath()), printed);
        assertTrue(printed.lines().noneMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*")), "no log line on stdout: " + printed);
    }

    @Test
    void benchJsonPrintsResultsJsonAndNothingElse() throws IOException {
        int status = execute("bench", "--config", config(server.port()).toString(), "--dataset", DATASET.toString(),
                "--num-requests", "5", "--json");

        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.JsonNode results = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(5, results.get("successful_requests").asInt());
    }

    @Test
    void everyCommandHasOneVersionAndNoHelpEntryIsCutOff() {
        execute("--help");
        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        out.reset();
        execute("bench", "-V");
        String benchVersion = out.toString(StandardCharsets.UTF_8).strip();
        out.reset();
        execute("-V");

        assertEquals(benchVersion, out.toString(StandardCharsets.UTF_8).strip());
        assertTrue(benchVersion.startsWith("multilora-bench "), benchVersion);
        assertTrue(help.contains("Starts the configured server in the foreground and stops it on Ctrl-C."), help);
        assertTrue(help.contains("README.md, section Configuration"), help);
    }

    @Test
    void benchExitsOneWhenEveryRequestFailed() throws IOException {
        Path unknownAdapters = work.resolve("unknown.jsonl");
        Files.writeString(unknownAdapters, "{\"prompt\": \"hi\", \"adapter_name\": \"nobody\"}\n");

        int status = execute("bench", "--config", config(server.port()).toString(), "--dataset", unknownAdapters.toString());

        assertEquals(1, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("every request failed"));
    }

    @Test
    void benchExitsOneWhenTheServerIsNotThere() throws IOException {
        server.close();

        int status = execute("bench", "--config", config(server.port()).toString(), "--dataset", DATASET.toString());

        assertEquals(1, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("was not ready within 2 s"));
    }

    @Test
    void aConfigurationErrorExitsTwoNamingTheKey() throws IOException {
        int status = execute("bench", "--config", config(server.port()).toString(), "-D", "benchmark.concurrency=0");

        assertEquals(2, status);
        assertEquals("error: -Dbenchmark.concurrency: benchmark.concurrency = 0: must be in 1..1024",
                err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void helpDocumentsTheBenchOptions() {
        int status = execute("bench", "--help");

        assertEquals(0, status);
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : new String[] {"--config", "--dataset", "--concurrency", "--num-requests", "-D"}) {
            assertTrue(help.contains(option), "help lacks " + option);
        }
    }

    private int execute(String... args) {
        try {
            return new CommandLine(new MultiloraBench()).execute(args);
        } finally {
            System.clearProperty("benchmark.concurrency");
        }
    }

    private Path config(int port) throws IOException {
        Path config = work.resolve("config.yaml");
        Files.writeString(config, """
                model:
                  name: base-model
                server:
                  mode: external
                  startup_timeout_s: 2
                  host: 127.0.0.1
                  port: %d
                lora:
                  adapters_dir: %s
                paths:
                  outbox: outbox
                """.formatted(port, Path.of("src/test/resources/adapters").toAbsolutePath()));
        return config;
    }
}
