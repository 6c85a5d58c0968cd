package dev.multilora.testing;

import dev.multilora.PipelineBeans;
import dev.multilora.config.ConfigLoader;
import dev.multilora.config.EffectiveConfig;
import dev.multilora.config.Setting;
import dev.multilora.observe.MetricsServing;
import dev.multilora.observe.ProgressDisplay;
import dev.multilora.run.RunOutcome;
import dev.multilora.run.RunRequest;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the real YAML routes from routes/ under camel-main, against a {@link FakeVllm} on
 * 127.0.0.1. Each test gets a fresh work folder holding its config, inbox and outbox.
 */
public abstract class PipelineTestSupport extends CamelMainTestSupport {
    public static final String BASE_MODEL = "base-model";
    public static final Path FIXTURE_ADAPTERS = Path.of("src/test/resources/adapters").toAbsolutePath();
    public static final Path DATASETS = Path.of("src/test/resources/datasets").toAbsolutePath();

    private Path work;
    private FakeVllm server;

    /** This test's folder; created on first use, since the Camel context is configured from the constructor. */
    protected Path work() {
        if (work == null) {
            work = createWorkFolder();
        }
        return work;
    }

    protected FakeVllm server() {
        if (server == null) {
            server = startServer();
        }
        return server;
    }

    protected long serverHoldMillis() {
        return 20;
    }

    protected boolean watchMode() {
        return false;
    }

    protected Path configFile() {
        return work().resolve("config.yaml");
    }

    protected Path outbox() {
        return work().resolve("outbox");
    }

    protected Path inbox() {
        return work().resolve("inbox");
    }

    /** The application's own Camel settings (stream caching off, no HTTP retries), as the launcher loads them. */
    @Override
    protected String getPropertyPlaceholderLocations() {
        return "classpath:application.properties";
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern("file:routes/*.camel.yaml");
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        Properties properties = new Properties();
        properties.setProperty("paths.inbox", inbox().toString());
        properties.setProperty("multilora.watch", Boolean.toString(watchMode()));
        properties.putAll(extraProperties());
        properties.putAll(MetricsServing.camelProperties(startupConfig()));
        startupConfig().optionalString(Setting.INBOX_DONE_FILE).ifPresent(doneFile -> properties.setProperty("inbox.done_file", doneFile));
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties);
    }

    /** Camel properties a test adds, as the launcher adds them for a setting (the API's server, say). */
    protected Properties extraProperties() {
        return new Properties();
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        EffectiveConfig startup = startupConfig();
        PipelineBeans.bind(registry::bind, loader(), configFile(), Map.of(), outbox(), ProgressDisplay.logged(),
                startup.schedules(), startup.optionalString(Setting.INBOX_DONE_FILE).orElse(null));
    }

    /** Config keys beyond the test config's (whole sections, e.g. schedules or inbox), read when the routes start too. */
    protected String extraConfig() {
        return "";
    }

    /** The config as `watch` starts with it: the schedules and the done-file protocol are read once, then. */
    private EffectiveConfig startupConfig() {
        writeConfig(Map.of());
        return loader().load(configFile(), Map.of());
    }

    private ConfigLoader loader() {
        return new ConfigLoader(Map.of(), new Properties(), work());
    }

    @AfterEach
    void stopServer() {
        server().close();
    }

    /** Writes the test config: the fake server, the fixture adapters, this test's outbox; plus extra lines. */
    protected Path writeConfig(Map<String, String> benchmarkOverrides) {
        // A short client rehearsal (one round) keeps the many route-test runs quick; the launcher ITs run the default.
        Map<String, String> benchmarkKeys = new java.util.TreeMap<>(Map.of("concurrency", "4", "client_warmup_requests", "20",
                "client_warmup_rounds", "1"));
        benchmarkKeys.putAll(benchmarkOverrides);
        StringBuilder benchmark = new StringBuilder();
        benchmarkKeys.forEach((k, v) -> benchmark.append("  ").append(k).append(": ").append(v).append('\n'));
        String yaml = """
                model:
                  name: %s
                server:
                  mode: external
                  startup_timeout_s: 3
                  host: 127.0.0.1
                  port: %d
                lora:
                  adapters_dir: %s
                  max_lora_rank: 16
                benchmark:
                %sgeneration:
                  max_tokens: 5
                paths:
                  inbox: inbox
                  outbox: outbox
                %s""".formatted(BASE_MODEL, server().port(), FIXTURE_ADAPTERS, benchmark, extraConfig());
        try {
            Files.writeString(configFile(), yaml);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return configFile();
    }

    /** Drops a dataset into the inbox as upstream tools should: written elsewhere, then renamed in, so the watcher never sees half a file. */
    protected void drop(Path source, String name) throws IOException {
        Files.createDirectories(inbox());
        Path staging = work().resolve(name + ".staging");
        Files.copy(source, staging, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging, inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits until the condition holds, polling every 100 ms; fails after {@code patience}. */
    protected static void await(BooleanSupplier condition, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + patience);
            }
            Thread.sleep(100);
        }
    }

    protected RunOutcome bench(Path dataset) {
        return bench(dataset, Map.of());
    }

    protected RunOutcome bench(Path dataset, Map<String, String> overrides) {
        return template.requestBody("direct:benchmark",
                new RunRequest(dataset, configFile(), overrides, RunRequest.BENCH, outbox()), RunOutcome.class);
    }

    protected static List<CSVRecord> readCsv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    private static Path createWorkFolder() {
        try {
            return Files.createTempDirectory("multilora-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private FakeVllm startServer() {
        try {
            return new FakeVllm(BASE_MODEL, Set.of("alpha", "beta", "gamma"), serverHoldMillis());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
