package dev.multilora.cli;

import dev.multilora.config.EffectiveConfig;
import dev.multilora.work.EmbeddedBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "broker", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        footer = {"", "For many machines, run Apache ActiveMQ Artemis from its own distribution (README.md, section Workers on a message broker)."},
        description = {"Runs an embedded Apache ActiveMQ Artemis broker in the foreground, for trying workers on one machine,"
                + " until Ctrl-C: the config's work queue, results queue and dead-letter queue, persisted in --data (a"
                + " broker restarted on the same folder still has every run and result). Security is off: keep it on 127.0.0.1."})
final class BrokerCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "61616", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "broker-data",
            description = "Folder of the broker's journal (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "3",
            description = "Deliveries of a run before it goes to work.dead_letter_queue (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--redelivery-delay-ms", paramLabel = "MS", defaultValue = "1000",
            description = "Wait before a run whose worker went away is delivered again (default: ${DEFAULT-VALUE}).")
    long redeliveryDelayMs;

    @Override
    public Integer call() throws Exception {
        Optional<EffectiveConfig> loaded = common.loadOrSay(Map.of());
        if (loaded.isEmpty()) {
            return 2;
        }
        if (port < 1 || port > 65535 || maxAttempts < 1 || redeliveryDelayMs < 0) {
            System.err.println("error: --port must be in 1..65535, --max-attempts >= 1, --redelivery-delay-ms >= 0");
            return 2;
        }
        EmbeddedBroker broker = EmbeddedBroker.start(loaded.get(), host, port, data.toAbsolutePath(), maxAttempts, redeliveryDelayMs);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C and SIGTERM end the JVM through its shutdown hooks: the broker closes its journal there
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                System.err.println("error: the broker did not stop cleanly: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }));
        System.out.println("broker ready at " + broker.url() + " (data in " + data.toAbsolutePath() + "); set work.broker_url: "
                + broker.url() + "; Ctrl-C to stop");
        stopped.await();
        return 0;
    }
}
