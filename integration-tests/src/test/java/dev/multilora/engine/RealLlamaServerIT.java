package dev.multilora.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real llama.cpp server, when one is at hand: LLAMA_SERVER (the llama-server binary),
 * LLAMA_MODEL (a GGUF base model it can load) and LLAMA_ADAPTERS (a folder of GGUF LoRA adapters
 * for that model). With temperature 0, each adapter's answer to the same prompt must differ from
 * the base model's: proof that the requests really applied the adapter, which llama.cpp would
 * otherwise silently skip. Skipped, saying so, without them.
 */
class RealLlamaServerIT {
    private static final Path LAUNCHER = Path.of("bin/multilora-bench").toAbsolutePath();
    private static final String PROMPT = "Write one sentence about the sea.";

    @TempDir
    Path work;

    @Test
    void everyAdapterIsReallyApplied() throws Exception {
        String server = System.getenv("LLAMA_SERVER");
        String model = System.getenv("LLAMA_MODEL");
        String adapters = System.getenv("LLAMA_ADAPTERS");
        assumeTrue(server != null && model != null && adapters != null,
                "no real llama-server here: set LLAMA_SERVER, LLAMA_MODEL and LLAMA_ADAPTERS to run this test");
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(adapters))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".gguf")).sorted()
                    .forEach(n -> names.add(n.substring(0, n.length() - ".gguf".length())));
        }
        assumeTrue(!names.isEmpty(), "LLAMA_ADAPTERS holds no .gguf adapter");
        StringBuilder dataset = new StringBuilder();
        for (String adapter : names) {
            dataset.append("{\"prompt\": \"").append(PROMPT).append("\", \"adapter_name\": \"").append(adapter).append("\"}\n");
        }
        dataset.append("{\"prompt\": \"").append(PROMPT).append("\", \"adapter_name\": \"").append(model).append("\"}\n");
        Path data = Files.writeString(work.resolve("same-prompt.jsonl"), dataset.toString());
        Path config = Files.writeString(work.resolve("config.yaml"), """
                model: {name: %s, max_model_len: 1024}
                server: {engine: llamacpp, command: [%s], host: 127.0.0.1, port: %d, max_num_seqs: 2, startup_timeout_s: 600}
                lora: {adapters_dir: %s}
                benchmark: {concurrency: 1}
                generation: {max_tokens: 24, temperature: 0.0}
                paths: {outbox: outbox, inbox: inbox}
                """.formatted(model, server, freePort(), adapters));

        Process bench = new ProcessBuilder(LAUNCHER.toString(), "bench", "--config", config.toString(), "--dataset", data.toString())
                .directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bench.waitFor(15, TimeUnit.MINUTES));
        assertEquals(0, bench.exitValue(), output);

        Map<String, String> answers = new TreeMap<>();
        try (Stream<Path> runs = Files.list(work.resolve("outbox"))) {
            Path run = runs.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
            try (Reader reader = Files.newBufferedReader(run.resolve("results.csv"))) {
                for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                    assertEquals("", row.get("error"), row.toString());
                    answers.put(row.get("adapter_name"), row.get("generated_text"));
                }
            }
        }
        String base = answers.get(model);
        for (String adapter : names) {
            assertNotEquals(base, answers.get(adapter), adapter + " answered as the base model did: it was not applied");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
